"""Named reads of the targets' local relevance: the counts behind the page's statement, and filtered lists."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from lokalagenda.framework.models import LEVEL_RANK, Government, RelevanceLevel, TargetRelevance


@dataclass(frozen=True)
class LevelCounts:
    """How many targets have each level for one level of government."""

    high: int = 0
    medium: int = 0
    low: int = 0
    none: int = 0

    @property
    def relevant(self) -> int:
        """Targets with some relevance (low or more)."""
        return self.high + self.medium + self.low

    @property
    def total(self) -> int:
        return self.relevant + self.none


@dataclass(frozen=True)
class RelevanceSummary:
    kommune: LevelCounts
    fylkeskommune: LevelCounts

    @property
    def targets(self) -> int:
        return self.kommune.total


def level_counts(government: str) -> LevelCounts:
    """Count the stored levels for ``kommune`` or ``fylkeskommune`` (one query)."""
    field = Government(government).value
    rows = TargetRelevance.objects.values(field).annotate(n=Count("target")).order_by()
    return LevelCounts(**{row[field]: row["n"] for row in rows})


def relevance_summary() -> RelevanceSummary:
    return RelevanceSummary(level_counts(Government.KOMMUNE), level_counts(Government.FYLKESKOMMUNE))


def levels_at_least(minimum: str) -> list[str]:
    """The levels at or above ``minimum`` (``low`` → low, medium, high). Unknown levels raise ``ValueError``."""
    rank = LEVEL_RANK[RelevanceLevel(minimum)]
    return [level.value for level, level_rank in LEVEL_RANK.items() if level_rank >= rank]


def relevance_list(government: str = Government.KOMMUNE, levels: Collection[str] | None = None,
                   goal: int | None = None) -> QuerySet[TargetRelevance]:
    """Targets' relevance in UN order; only those whose level for ``government`` is one of ``levels`` (all
    when None) and of ``goal`` (all when None). Unknown governments or levels raise ``ValueError``."""
    rows = TargetRelevance.objects.select_related("target__goal").prefetch_related("service_areas")
    if goal is not None:
        rows = rows.filter(target__goal_id=goal)
    if levels is not None:
        wanted = [RelevanceLevel(level).value for level in levels]
        rows = rows.filter(**{f"{Government(government).value}__in": wanted})
    return rows
