"""``GET /api/relevance``: how relevant each SDG target is for kommuner and fylkeskommuner, with rationale, source
and the service areas it rests on — the same rows as the page ``/mal/lokal-relevans/``."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema

from lokalagenda.api.params import GoalFilter
from lokalagenda.api.schemas import ErrorOut
from lokalagenda.framework.models import TargetRelevance
from lokalagenda.framework.relevance.queries import levels_at_least, relevance_list, relevance_summary

router = Router(tags=["framework"])

Level = Literal["high", "medium", "low", "none"]
GovernmentName = Literal["kommune", "fylkeskommune"]
LEVEL_QUERY = Query("kommune", description="The level of government `minimum` is for")
MINIMUM_QUERY = Query("none", description="Only targets at least this relevant for `level`")


class RelevanceOut(Schema):
    target: str
    goal: int
    kommune: Level
    fylkeskommune: Level
    rationale: str
    source: str
    service_areas: list[str]
    origin: Literal["seed", "editor"]
    changed_at: datetime


class LevelCountsOut(Schema):
    high: int
    medium: int
    low: int
    none: int
    relevant: int


class RelevanceSummaryOut(Schema):
    targets: int
    kommune: LevelCountsOut
    fylkeskommune: LevelCountsOut


def _relevance(row: TargetRelevance) -> dict:
    return {"target": row.target_id, "goal": row.target.goal_id, "kommune": row.kommune,
            "fylkeskommune": row.fylkeskommune, "rationale": row.rationale, "source": row.source,
            "service_areas": [area.key for area in row.service_areas.all()], "origin": row.origin,
            "changed_at": row.changed_at}


@router.get("/relevance", response=list[RelevanceOut])
def list_relevance(request: HttpRequest, goal: GoalFilter = None, level: GovernmentName = LEVEL_QUERY,
                   minimum: Level = MINIMUM_QUERY) -> list[dict]:
    """Every target's local relevance in UN order; ``minimum=low`` lists the locally relevant ones."""
    return [_relevance(row) for row in relevance_list(level, levels=levels_at_least(minimum), goal=goal)]


@router.get("/relevance/summary", response=RelevanceSummaryOut)
def get_relevance_summary(request: HttpRequest) -> dict:
    """How many targets have each level for kommuner and for fylkeskommuner."""
    summary = relevance_summary()
    counts = {name: {**vars(getattr(summary, name)), "relevant": getattr(summary, name).relevant}
              for name in ("kommune", "fylkeskommune")}
    return {"targets": summary.targets, **counts}


@router.get("/relevance/{code}", response={200: RelevanceOut, 404: ErrorOut})
def get_relevance(request: HttpRequest, code: str) -> dict:
    row = get_object_or_404(TargetRelevance.objects.select_related("target").prefetch_related("service_areas"),
                            target_id=code)
    return _relevance(row)
