"""The twin finder: the kommuner most like a kommune (``/kommune/<nr>/lignende/``), with a slider per weight in a
GET form so that the address keeps the weights (``?POP_TOTAL=2&KMD_EXPENDITURE_NEED_INDEX=0``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from lokalagenda.core.measure import similarity as method
from lokalagenda.indicators.models import Indicator
from lokalagenda.measurement.comparisons import MAX_COMPARED
from lokalagenda.measurement.similar.service import Twins, twins
from lokalagenda.places.models import Kommune
from lokalagenda.ui.caching import cached_for_anonymous

#: The sliders' range: 0 leaves a variable out, 3 makes it count most (the address may hold any weight of 0 or more).
SLIDER_MAX = 3
SLIDER_STEP = 0.5
#: Decimals of each variable's values in the table (residents are whole people; the index has three decimals).
DIGITS = {"POP_TOTAL": 0, "POP_DENSITY": 1, "POP_SHARE_0_17": 1, "POP_SHARE_67PLUS": 1, "POP_SHARE_80PLUS": 1,
          "KMD_EXPENDITURE_NEED_INDEX": 3}
#: The variables given in per cent (a "%" follows their values).
SHARES = {"POP_SHARE_0_17", "POP_SHARE_67PLUS", "POP_SHARE_80PLUS"}


@dataclass(frozen=True)
class Slider:
    """One weight of the form: variable key, display name, the weight in use and the default."""

    key: str
    title: str
    weight: float
    default: float

    @property
    def shown(self) -> str:
        """The slider's position as the form writes it ("2", "0.5"): the weight, held inside the slider's range."""
        return f"{min(self.weight, SLIDER_MAX):g}"


def _overrides(query: QueryDict) -> dict[str, float]:
    """The weights given in the address; a value that is not a number is refused with its variable named."""
    found: dict[str, float] = {}
    for key in method.KEYS:
        text = query.get(key, "").strip()
        if not text:
            continue
        try:
            found[key] = float(text.replace(",", "."))
        except ValueError as error:
            raise method.SimilarityError(f"{key}={text} is not a number", reason="bad_weight",
                                         subject=key) from error
    return found


def _titles() -> dict[str, str]:
    return {variable.key: _(variable.title) for variable in method.VARIABLES}


def _message(error: method.SimilarityError, kommune: Kommune) -> str:
    """The error in the reader's language."""
    titles = _titles()
    if error.reason == "no_data":
        return _("No structural data is loaded yet, so no kommune can be compared. An administrator loads it with "
                 "“lokalagenda import” and the data bundle's indicators/values.csv (make database does).")
    if error.reason == "left_out":
        return _("%(kommune)s has too few structural values to be compared with these weights: the variables it "
                 "has carry less than half of the weight.") % {"kommune": kommune.name}
    if error.reason == "no_weight":
        return _("Every weight is 0: give at least one variable a weight above 0.")
    name = titles.get(error.subject, error.subject)
    if error.reason == "negative_weight":
        return _("The weight of “%(variable)s” must be 0 or more.") % {"variable": name}
    return _("The weight of “%(variable)s” is not a number.") % {"variable": name}


def _rows(answer: Twins, titles: dict[str, str]) -> list[dict[str, Any]]:
    """The kommune itself, then its nearest kommuner: number, name, distance (None for itself) and the values,
    each cell with its column's name (the label of a row shown as a card on narrow screens)."""
    own = {"number": answer.kommune.number, "name": answer.kommune.name, "distance": None, "own": True,
           "values": answer.values}
    rows = [own] + [{"number": twin.number, "name": twin.name, "distance": twin.distance, "own": False,
                     "values": twin.values} for twin in answer.twins]
    return [{**row, "cells": [{"value": value, "digits": DIGITS[key], "share": key in SHARES, "label": titles[key]}
                              for key, value in zip(method.KEYS, row["values"], strict=True)]} for row in rows]


def _compare_url(answer: Twins) -> str:
    """The comparison page with the kommune and as many of its nearest kommuner as that page takes."""
    numbers = [answer.kommune.number] + [twin.number for twin in answer.twins[:MAX_COMPARED - 1]]
    return reverse("measurement:compare") + "?" + urlencode([("kommune", number) for number in numbers])


def _answer_context(answer: Twins, kommune: Kommune) -> dict[str, Any]:
    """What the page shows of an answer: the table's rows, the variables the kommune lacks, the year of each of
    its values with the catalogue indicator it comes from (its page names the source), and who was left out."""
    titles = _titles()
    left_out = Kommune.objects.filter(number__in=list(answer.left_out)).order_by("number")
    known = set(Indicator.objects.filter(id__in=method.KEYS).values_list("id", flat=True))
    return {"rows": _rows(answer, titles), "compare_url": _compare_url(answer),
            "missing": [titles[key] for key in answer.missing],
            "years": [(key, titles[key], year, key in known)
                      for key, year in zip(method.KEYS, answer.years, strict=True) if year],
            "left_out": [f"{place.name} ({place.number})" for place in left_out]}


@cached_for_anonymous(params=method.KEYS)
def similar(request: HttpRequest, number: str) -> HttpResponse:
    """A kommune's ten most similar kommuner, their values, and the weights as sliders."""
    kommune = get_object_or_404(Kommune, number=number)
    titles = _titles()
    defaults = method.default_weights()
    context: dict[str, Any] = {"kommune": kommune, "version": method.VERSION, "columns": list(titles.values()),
                               "slider_max": SLIDER_MAX, "slider_step": SLIDER_STEP, "message": "", "rows": [],
                               "top": method.TOP, "min_shared": int(method.MIN_SHARED_WEIGHT * 100)}
    status, overrides = 200, {}
    try:
        overrides = _overrides(request.GET)
        answer = twins(number, overrides=overrides)
    except method.SimilarityError as error:
        context["message"] = _message(error, kommune)
        if error.reason not in ("no_data", "left_out"):  # a weight the form cannot hold: the sliders start over
            status, overrides = 400, {}
    else:
        context.update(_answer_context(answer, kommune))
    chosen = {**defaults, **overrides}
    context["sliders"] = [Slider(key, titles[key], chosen[key], defaults[key]) for key in method.KEYS]
    return render(request, "measurement/similar.html", context, status=status)
