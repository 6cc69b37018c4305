"""The residents' pages of a kommune and a fylke, and their embeddable widgets (no login, cached for
anonymous visitors like the kommune page)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from lokalagenda.reports.residents.summary import (
    PublicPlace,
    ResidentSummary,
    fylke_place,
    kommune_place,
    resident_summary,
)
from lokalagenda.reports.residents.widget import embed_code, embeddable, in_widget_language, widget_language
from lokalagenda.web.caching import cached_for_anonymous


def _page(request: HttpRequest, place: PublicPlace) -> HttpResponse:
    summary = resident_summary(place)
    src = request.build_absolute_uri(place.widget_page) + f"?lang={widget_language(request)}"
    title = _("The UN Sustainable Development Goals in %(place)s") % {"place": place.name}
    return render(request, "reports/public_place.html", {
        "summary": summary, "place": place, "embed_code": embed_code(src, title),
    })


def _widget(request: HttpRequest, place: PublicPlace) -> HttpResponse:
    summary: ResidentSummary = resident_summary(place)
    return render(request, "reports/widget_place.html", {
        "summary": summary, "place": place, "full_page": request.build_absolute_uri(place.residents_page),
    })


@cached_for_anonymous(params=("lang",))
def kommune_residents(request: HttpRequest, number: str) -> HttpResponse:
    """``/kommune/<nr>/innbyggere/``: the kommune in plain words for its residents."""
    return _page(request, kommune_place(number))


@cached_for_anonymous(params=("lang",))
def fylke_residents(request: HttpRequest, number: str) -> HttpResponse:
    """``/fylke/<nr>/innbyggere/``: the fylke (its kommuner's values together) in plain words."""
    return _page(request, fylke_place(number))


@embeddable
@in_widget_language
@cached_for_anonymous()  # ?lang= becomes the active language, part of the key
def kommune_widget(request: HttpRequest, number: str) -> HttpResponse:
    """``/innbygging/kommune/<nr>/?lang=nb|nn|en``: the compact summary for an ``<iframe>``."""
    return _widget(request, kommune_place(number))


@embeddable
@in_widget_language
@cached_for_anonymous()  # ?lang= becomes the active language, part of the key
def fylke_widget(request: HttpRequest, number: str) -> HttpResponse:
    """``/innbygging/fylke/<nr>/?lang=nb|nn|en``: the compact summary of a fylke for an ``<iframe>``."""
    return _widget(request, fylke_place(number))
