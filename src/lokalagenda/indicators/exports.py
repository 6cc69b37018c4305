"""Downloads of stored observations: a selection by indicator, place and period as CSV, Excel, JSON-stat 2.0 or
an indicator as an Open SDG data CSV; and the data of any chart as CSV or Excel.

:func:`selection` reads the observations; :func:`make_download` checks a request and writes the file through
the core's registry of export formats (:mod:`lokalagenda.core.exports`); :func:`export` is the page at
``/indikatorer/eksport/`` and the API's ``/api/export`` answers with the same download.

Chart data: ``/diagramdata/<chart>.<format>?…`` (``format`` is ``csv`` or ``xlsx``, :func:`chart_data`). Each
chart that offers its data registers a provider under its name with :func:`register_chart`. A provider reads the
chart's state from the same GET parameters as its page and returns the chart's numbers as a
:class:`~lokalagenda.core.exports.ChartTable`, built from the same named reads the page draws from, so the file
holds what the chart shows, with its source and licence (:func:`~lokalagenda.core.exports.write_chart_table`).
A chart whose numbers depend on what the visitor may see (the plan coverage, with drafts for members) registers
with :func:`register_visitor_chart` and gets the visitor too, so each file holds what that visitor's chart draws.
Pages link to the files through :func:`chart_downloads`, whose file name stem (:func:`file_stem`, e.g.
``bergen-4601-indikator-VAX_MEASLES_AGE2-utvikling-2018``) charts.js also gives the PNG and SVG images. The links
work without JavaScript; the image buttons are added by charts.js, since drawing the image needs it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lokalagenda.core.errors import LokalagendaError
from lokalagenda.core.exports import CHART_FORMATS, ChartTable, export_formats, write_chart_table, writer_for
from lokalagenda.core.observations import FIRST_YEAR, LAST_YEAR, normalise
from lokalagenda.indicators.models import Indicator, Observation

#: What each stored row is read as: the tidy table's columns, then the revision that wrote it.
_FIELDS = ("indicator_id", "place", "year", "disaggregation", "value", "unit", "flag", "revision__number",
           "revision__source", "indicator__unit")
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")
#: The tidy table's columns as people read them: the first header row of an Excel download, above the codes.
COLUMN_LABELS = {
    "indicator": gettext_lazy("Indicator"), "place": gettext_lazy("Place (number)"), "year": gettext_lazy("Year"),
    "disaggregation": gettext_lazy("Breakdown"), "value": gettext_lazy("Value"), "unit": gettext_lazy("Unit"),
    "flag": gettext_lazy("Note on the value"), "source_row": gettext_lazy("Row in the source file"),
}
class ExportRefused(Exception):
    """A download that cannot be made, with a message for the person who asked (already translated)."""

    def __init__(self, message: str, *, not_found: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.not_found = not_found


@dataclass(frozen=True)
class ExportQuery:
    """What a download asks for: an indicator, a place or both, a period, and a format name."""

    indicator: str | None = None
    place: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    format: str = "csv"


@dataclass(frozen=True)
class Download:
    """A written file: its bytes, media type and file name."""

    content: bytes
    media_type: str
    filename: str


def selection(indicator: str | None = None, place: str | None = None, year_from: int | None = None,
              year_to: int | None = None) -> tuple[pd.DataFrame, list[dict[str, Any]]]:
    """The stored observations of an indicator, a place or both in a period, and the revisions they come from.

    Returns
    -------
    (table, provenance)
        The tidy table (sorted by indicator, place, year and disaggregation; a row stored without a unit has
        its indicator's unit from the catalogue) with an extra ``source`` column (the file or URL of the
        revision that wrote each row); and one ``{"indicator", "revision", "source"}`` dict per revision, sorted.
    """
    observations = Observation.objects.selection(indicator, place, year_from, year_to)
    rows = list(observations.order_by("indicator_id", "place", "year", "disaggregation").values_list(*_FIELDS))
    frame = pd.DataFrame.from_records(rows, columns=list(_FIELDS))
    frame["unit"] = frame["unit"].where(frame["unit"] != "", frame["indicator__unit"])
    table = normalise(frame.rename(columns={"indicator_id": "indicator"}))
    table["source"] = frame["revision__source"].astype(str).to_numpy(dtype=object)
    revisions = sorted({(indicator_id, number, source) for indicator_id, *_, number, source, _unit in rows})
    return table, [{"indicator": ind, "revision": number, "source": source} for ind, number, source in revisions]


def _check(query: ExportQuery) -> None:
    """Refuse a query without a filter, with an unknown format or indicator, or with a reversed period."""
    if not query.indicator and not query.place:
        raise ExportRefused(_("Choose an indicator, a place or both: all stored values are too many for one "
                              "download."))
    if query.format not in export_formats():
        raise ExportRefused(_("There is no download format “%(format)s”. Choose one of: %(formats)s.")
                            % {"format": query.format, "formats": ", ".join(export_formats())})
    if query.indicator and not Indicator.objects.filter(id=query.indicator).exists():
        raise ExportRefused(_("There is no indicator “%(indicator)s” in the catalogue.")
                            % {"indicator": query.indicator}, not_found=True)
    _check_period(query.year_from, query.year_to)


def _check_period(year_from: int | None, year_to: int | None) -> None:
    for year in (year_from, year_to):
        if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
            raise ExportRefused(_("The year %(year)s is not between %(first)s and %(last)s.")
                                % {"year": year, "first": FIRST_YEAR, "last": LAST_YEAR})
    if year_from is not None and year_to is not None and year_from > year_to:
        raise ExportRefused(_("The first year, %(first)s, comes after the last year, %(last)s.")
                            % {"first": year_from, "last": year_to})


def filename(query: ExportQuery, suffix: str) -> str:
    """``lokalagenda_POP_TOTAL_0301.csv``: the indicator, the place and the period asked for."""
    period = "" if query.year_from is None and query.year_to is None else \
        f"{'' if query.year_from is None else query.year_from}-{'' if query.year_to is None else query.year_to}"
    parts = ["lokalagenda", *(part for part in (query.indicator, query.place, period) if part)]
    return "_".join(_UNSAFE.sub("-", part) for part in parts) + suffix


def make_download(query: ExportQuery) -> Download:
    """The file a query asks for.

    Raises
    ------
    ExportRefused
        With a message to show when the query lacks a filter, names an unknown format or indicator, asks for a
        single-indicator format (Open SDG) for several indicators, or the format cannot hold the selection.
    """
    _check(query)
    writer = writer_for(query.format)
    table, provenance = selection(query.indicator, query.place, query.year_from, query.year_to)
    indicators = sorted(set(table["indicator"].tolist()))
    if writer.one_indicator and len(indicators) > 1:
        raise ExportRefused(_("An Open SDG data file holds one indicator, but this selection has %(count)s: "
                              "%(indicators)s. Choose one indicator.")
                            % {"count": len(indicators), "indicators": ", ".join(indicators)})
    out = io.BytesIO()
    try:
        writer.write(table, provenance, out, labels={code: str(label) for code, label in COLUMN_LABELS.items()})
    except LokalagendaError as error:
        raise ExportRefused(_("The selection cannot be written in this format: %(reason)s") % {"reason": error}) \
            from error
    return Download(out.getvalue(), writer.media_type, filename(query, writer.suffix))


def attachment(download: Download) -> HttpResponse:
    """The download as an HTTP answer the browser saves as a file."""
    response = HttpResponse(download.content, content_type=download.media_type)
    response["Content-Disposition"] = content_disposition_header(True, download.filename)
    return response


def _year(params: Mapping[str, str], name: str) -> int | None:
    text = (params.get(name) or "").strip()
    if not text:
        return None
    if not text.isascii() or not text.isdecimal():
        raise ExportRefused(_("The year “%(year)s” is not a year such as 2024.") % {"year": text})
    return int(text)


def parse_query(params: Mapping[str, str]) -> ExportQuery:
    """The query of a download page's address (``?indicator=…&place=…&year_from=…&year_to=…&format=…``)."""
    return ExportQuery(
        indicator=(params.get("indicator") or "").strip() or None,
        place=(params.get("place") or "").strip() or None,
        year_from=_year(params, "year_from"), year_to=_year(params, "year_to"),
        format=(params.get("format") or "csv").strip(),
    )


def _refusal(request: HttpRequest, refusal: ExportRefused, query: ExportQuery | None) -> HttpResponse:
    indicator = query.indicator if query and query.indicator and not refusal.not_found else None
    context = {
        "title": _("The download could not be made"), "message": refusal.message,
        "back": reverse("indicators:indicator", args=[indicator]) if indicator else reverse("indicators:catalogue"),
        "back_text": _("Back to the indicator") if indicator else _("Back to the indicator catalogue"),
    }
    return render(request, "indicators/export_refused.html", context, status=404 if refusal.not_found else 400)


def export(request: HttpRequest) -> HttpResponse:
    """``/indikatorer/eksport/?indicator=…&place=…&year_from=…&year_to=…&format=csv|xlsx|jsonstat|opensdg``."""
    query = None
    try:
        query = parse_query(request.GET)
        return attachment(make_download(query))
    except ExportRefused as refusal:
        return _refusal(request, refusal, query)


# --- The data of a chart -----------------------------------------------------------------------------------------

Provider = Callable[[QueryDict], ChartTable]
#: A provider of a chart that shows each visitor what they may see (a draft plan to its organisation's members):
#: it gets the visitor (``request.user``) too, so the file holds what that visitor's chart draws.
VisitorProvider = Callable[[QueryDict, Any], ChartTable]


@dataclass(frozen=True)
class _Chart:
    """A registered chart's provider, and whether it gets the visitor (a :data:`VisitorProvider`)."""

    provider: Callable[..., ChartTable]
    for_visitor: bool


#: Every chart with data to download, by the name in its address; filled by :func:`register_chart` and
#: :func:`register_visitor_chart`.
_CHARTS: dict[str, _Chart] = {}
#: Norwegian and Sámi letters a file name spells in ASCII (slugify would drop them: "Bærum" → "brum").
_ASCII = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "á": "a", "č": "c", "đ": "d", "ŋ": "n", "š": "s",
                        "ŧ": "t", "ž": "z"})
_NOT_IN_NAME = re.compile(r"[^A-Za-z0-9_]+")


class ChartDataRefused(Exception):
    """A chart's data that cannot be given, with a message for the person who asked (already translated)."""

    def __init__(self, message: str, *, not_found: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.not_found = not_found


@dataclass(frozen=True)
class ChartDownloads:
    """The addresses of a chart's data files and the file name stem of its images."""

    csv: str
    xlsx: str
    stem: str


def _register(name: str, chart: _Chart) -> None:
    """One name, one chart: a name registered again for another provider is a programming error."""
    if name in _CHARTS and _CHARTS[name] != chart:
        raise ImproperlyConfigured(f"the chart {name!r} is registered twice, for different providers")
    _CHARTS[name] = chart


def register_chart(name: str) -> Callable[[Provider], Provider]:
    """Decorator: make a provider answer ``/diagramdata/<name>.<format>``."""
    def decorate(provider: Provider) -> Provider:
        _register(name, _Chart(provider, for_visitor=False))
        return provider
    return decorate


def register_visitor_chart(name: str) -> Callable[[VisitorProvider], VisitorProvider]:
    """Decorator: make a provider that also gets the visitor answer ``/diagramdata/<name>.<format>`` (for a chart
    whose numbers depend on what the visitor may see)."""
    def decorate(provider: VisitorProvider) -> VisitorProvider:
        _register(name, _Chart(provider, for_visitor=True))
        return provider
    return decorate


def file_stem(*parts: object) -> str:
    """A file name without suffix from its parts, in lower-case ASCII where the part is a name: ``bergen-4601``.
    Codes keep their case (``VAX_MEASLES_AGE2``); empty parts are left out."""
    words = []
    for part in parts:
        text = str(part).strip()
        if not text:
            continue
        text = text.lower().translate(_ASCII) if not text.isupper() and "_" not in text else text
        words.append(_NOT_IN_NAME.sub("-", text).strip("-"))
    return "-".join(word for word in words if word)


def chart_downloads(name: str, params: Mapping[str, str | list[str]], stem: str) -> ChartDownloads:
    """The links a page shows under a chart: its data as CSV and as Excel, with the page's own parameters."""
    query = urlencode(params, doseq=True)
    return ChartDownloads(*(reverse("indicators:chart-data", args=[name, format]) + (f"?{query}" if query else "")
                            for format in ("csv", "xlsx")), stem=stem)


def _chart_refusal(request: HttpRequest, refusal: ChartDataRefused) -> HttpResponse:
    context = {"title": _("The download could not be made"), "message": refusal.message, "back": "",
               "back_text": ""}
    return render(request, "indicators/export_refused.html", context, status=404 if refusal.not_found else 400)


def chart_table(chart: str, format: str, params: QueryDict, visitor: Any = None) -> ChartTable:
    """The table a chart's download holds (``visitor``: the one who asked, for a chart that depends on it; None
    is an anonymous visitor).

    Raises
    ------
    ChartDataRefused
        For an unknown chart or format, or the provider's refusal (unknown kommune, indicator …).
    """
    registered = _CHARTS.get(chart)
    if registered is None:
        raise ChartDataRefused(_("There is no chart “%(chart)s” with data to download.") % {"chart": chart},
                               not_found=True)
    if format not in CHART_FORMATS:
        raise ChartDataRefused(_("There is no download format “%(format)s”. Choose one of: %(formats)s.")
                               % {"format": format, "formats": ", ".join(CHART_FORMATS)})
    if registered.for_visitor:
        return registered.provider(params, visitor if visitor is not None else AnonymousUser())
    return registered.provider(params)


def chart_data(request: HttpRequest, chart: str, format: str) -> HttpResponse:
    """``/diagramdata/<chart>.<csv|xlsx>?…``: the numbers of one chart as a file, its source and licence in it."""
    try:
        table = chart_table(chart, format, request.GET, request.user)
    except ChartDataRefused as refusal:
        return _chart_refusal(request, refusal)
    out = io.BytesIO()
    filename, media_type = write_chart_table(table, format, out)
    return attachment(Download(out.getvalue(), media_type, filename))
