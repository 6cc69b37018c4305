"""The national overview of published partnerships: how many per partner kind and SDG goal."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from lokalagenda.framework.models import Goal
from lokalagenda.partnerships.models import Partner, Partnership


@dataclass(frozen=True)
class OverviewRow:
    goal: Goal
    counts: list[int]
    total: int


@dataclass(frozen=True)
class NationalOverview:
    """Rows are goals (all 17, in order); columns the partner kinds; ``total`` counts each partnership once."""

    kinds: list[tuple[str, str]]
    rows: list[OverviewRow]
    partnerships: int
    partners: int


def national_overview() -> NationalOverview:
    published = Partnership.objects.published()
    cells = published.counts_by_kind_and_goal()
    totals = dict(published.filter(targets__isnull=False).order_by().values("targets__goal_id")
                  .annotate(n=Count("id", distinct=True)).values_list("targets__goal_id", "n"))
    kinds = [(value, str(label)) for value, label in Partner.Kind.choices]
    rows = [OverviewRow(goal, [cells.get((kind, goal.number), 0) for kind, _ in kinds], totals.get(goal.number, 0))
            for goal in Goal.objects.all()]
    partners = Partner.objects.filter(partnerships__published=True).distinct().count()
    return NationalOverview(kinds, rows, published.count(), partners)
