"""The residents' pages of a kommune and a fylke, and their embeddable widgets (no login, cached for
anonymous visitors like the kommune page)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from lokalagenda.places.place import Place, PlaceKind, place_or_404
from lokalagenda.reports.residents.indicator_widget import UnknownWidgetIndicator, indicator_widget
from lokalagenda.reports.residents.summary import ResidentSummary, resident_summary
from lokalagenda.reports.residents.widget import embed_code, embeddable, in_widget_language, widget_language
from lokalagenda.ui.caching import cached_for_anonymous


def _page(request: HttpRequest, place: Place) -> HttpResponse:
    summary = resident_summary(place)
    src = request.build_absolute_uri(place.widget_url) + f"?lang={widget_language(request)}"
    title = _("The UN Sustainable Development Goals in %(place)s") % {"place": place.name}
    return render(request, "reports/public_place.html", {
        "summary": summary, "place": place, "embed_code": embed_code(src, title),
    })


def _widget(request: HttpRequest, place: Place) -> HttpResponse:
    """The place's summary, or with ``?indikator=ID`` one chosen indicator (a clear message, and 404, for an id
    the catalogue does not have)."""
    context: dict[str, Any] = {"place": place, "full_page": request.build_absolute_uri(place.residents_url)}
    indicator_id = request.GET.get("indikator", "").strip()
    if not indicator_id:
        summary: ResidentSummary = resident_summary(place)
        return render(request, "reports/widget_place.html", {**context, "summary": summary})
    try:
        chosen = indicator_widget(place, indicator_id)
    except UnknownWidgetIndicator as unknown:
        return render(request, "reports/widget_place.html", {**context, "widget_message": unknown.message},
                      status=404)
    context.update(chosen=chosen, full_page=request.build_absolute_uri(chosen.full_page))
    return render(request, "reports/widget_place.html", context)


@cached_for_anonymous(params=("lang",))
def kommune_residents(request: HttpRequest, number: str) -> HttpResponse:
    """``/kommune/<nr>/innbyggere/``: the kommune in plain words for its residents."""
    return _page(request, place_or_404(number, PlaceKind.KOMMUNE))


@cached_for_anonymous(params=("lang",))
def fylke_residents(request: HttpRequest, number: str) -> HttpResponse:
    """``/fylke/<nr>/innbyggere/``: the fylke (its kommuner's values together) in plain words."""
    return _page(request, place_or_404(number, PlaceKind.FYLKE))


@embeddable
@in_widget_language
@cached_for_anonymous(params=("indikator",))  # ?lang= becomes the active language, part of the key
def kommune_widget(request: HttpRequest, number: str) -> HttpResponse:
    """``/innbygging/kommune/<nr>/?lang=nb|nn|en[&indikator=ID]``: the compact summary for an ``<iframe>``, or
    one chosen indicator of the kommune."""
    return _widget(request, place_or_404(number, PlaceKind.KOMMUNE))


@embeddable
@in_widget_language
@cached_for_anonymous(params=("indikator",))  # ?lang= becomes the active language, part of the key
def fylke_widget(request: HttpRequest, number: str) -> HttpResponse:
    """``/innbygging/fylke/<nr>/?lang=nb|nn|en[&indikator=ID]``: the compact summary of a fylke for an
    ``<iframe>``, or one chosen indicator of the fylke."""
    return _widget(request, place_or_404(number, PlaceKind.FYLKE))
