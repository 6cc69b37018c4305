"""The indicator catalogue, an indicator with its metadata, sources and values, and a revision's changes. The core
set's page, which also reads the connectors' fetch specs, is ``web.pages.core_set``."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from lokalagenda.indicators.forms import CatalogueFilterForm
from lokalagenda.indicators.models import DatasetRevision, Indicator, Observation
from lokalagenda.indicators.querysets import latest_values
from lokalagenda.places.models import Kommune

PAGE_SIZE = 50


def catalogue(request: HttpRequest) -> HttpResponse:
    form = CatalogueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    indicators = Indicator.objects.filtered(
        goal=filters.get("goal"), target=filters.get("target") or None,
        indicator_set=filters.get("set") or None, quality=filters.get("quality") or None,
        level=filters.get("level") or None, query=filters.get("q") or None,
    ).prefetch_related("sets")
    if filters.get("with_data"):
        indicators = indicators.with_data()
    page = Paginator(indicators, PAGE_SIZE).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    return render(request, "indicators/catalogue.html", {
        "form": form, "page": page, "query": query.urlencode(), "total": page.paginator.count,
    })


def indicator_detail(request: HttpRequest, indicator_id: str) -> HttpResponse:
    indicator = get_object_or_404(
        Indicator.objects.prefetch_related("sets", "targets__goal").select_related("global_indicator"),
        id=indicator_id,
    )
    latest = latest_values(indicator.id)
    names = dict(Kommune.objects.values_list("number", "name"))
    return render(request, "indicators/indicator_detail.html", {
        "indicator": indicator,
        "latest": [(row, names.get(row.place, row.place)) for row in latest],
        "years": Observation.objects.for_indicator(indicator.id).years(),
        "revisions": indicator.revisions.select_related("created_by")[:20],
    })


def revision_detail(request: HttpRequest, indicator_id: str, number: int) -> HttpResponse:
    revision = get_object_or_404(DatasetRevision.objects.select_related("indicator"), indicator_id=indicator_id,
                                 number=number)
    changes = Paginator(revision.changes.all(), 200).get_page(request.GET.get("side"))
    return render(request, "indicators/revision_detail.html", {
        "revision": revision, "indicator": revision.indicator, "changes": changes,
    })
