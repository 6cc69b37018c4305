"""``/api/catalogue``: the indicator catalogue (public), each indicator with its source, the KS classification, its
sets and targets; filtered like the page ``/indikatorer/``.

The operationIds are those the operations had when they were defined in ``api.api`` (django-ninja names an operation
after its module), so clients generated from the OpenAPI document keep working.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router

from lokalagenda.api.params import GoalFilter
from lokalagenda.api.schemas import CatalogueIndicatorOut, ErrorOut
from lokalagenda.indicators.models import Indicator

router = Router(tags=["indicators"])
FIELDS = ("id", "name_nb", "name_nn", "name_en", "notation", "unit", "direction", "publisher", "table_id",
          "source_url", "licence", "quality_class", "level_of_geography", "evaluation_level", "triple_bottom_line",
          "development_sector")


def _catalogue_indicator(indicator: Indicator) -> dict:
    return {**{name: getattr(indicator, name) for name in FIELDS},
            "sets": [s.slug for s in indicator.sets.all()], "targets": [t.code for t in indicator.targets.all()]}


@router.get("/catalogue", response=list[CatalogueIndicatorOut], operation_id="lokalagenda_api_api_list_catalogue")
def list_catalogue(request: HttpRequest, goal: GoalFilter = None, target: str | None = None,
                   set: str | None = None, quality: str | None = None, level: str | None = None,
                   q: str | None = None) -> list[dict]:
    """The indicator catalogue, filtered by goal, target, set, KS quality class, level of geography or text."""
    indicators = Indicator.objects.filtered(goal=goal, target=target, indicator_set=set, quality=quality,
                                            level=level, query=q).prefetch_related("sets", "targets")
    return [_catalogue_indicator(indicator) for indicator in indicators]


@router.get("/catalogue/{indicator_id}", response={200: CatalogueIndicatorOut, 404: ErrorOut},
            operation_id="lokalagenda_api_api_get_catalogue_indicator")
def get_catalogue_indicator(request: HttpRequest, indicator_id: str) -> dict:
    return _catalogue_indicator(get_object_or_404(Indicator, id=indicator_id))
