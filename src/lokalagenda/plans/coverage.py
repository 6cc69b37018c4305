"""Coverage: the 169 targets against an organisation's plans, local goals, actions and indicators.

A target is covered when an accepted link from one of the plans (the plan's documents, goals or actions) or an
indicator link whose indicator measures the target exists. Gaps are targets that are locally relevant
(``framework.relevance``, at the level of the organisation: kommune or fylkeskommune) but not covered. The national
count is the number of organisations of the same kind (kommuner, or fylkeskommuner) whose *published* plans link to
the target.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet

from lokalagenda.accounts.models import Organisation
from lokalagenda.framework.models import Goal, RelevanceLevel, Target
from lokalagenda.framework.relevance import locally_relevant_targets
from lokalagenda.plans.models import IndicatorLink, Plan, TargetLink

RELEVANCE_LEVELS = ("high", "medium", "low")
"""Local relevance levels from strongest to weakest; a target's level is the strongest that includes it."""


@dataclass(frozen=True)
class TargetCoverage:
    target: Target
    plans: int
    goals: int
    actions: int
    indicators: int
    relevance: str | None
    national: int

    @property
    def relevance_label(self) -> str:
        """The relevance level in the active language ("" when the target is not locally relevant)."""
        return str(RelevanceLevel(self.relevance).label) if self.relevance else ""

    @property
    def covered(self) -> bool:
        return bool(self.plans or self.goals or self.actions or self.indicators)

    @property
    def gap(self) -> bool:
        """Locally relevant, but nothing in the plans or indicators covers it."""
        return self.relevance is not None and not self.covered


@dataclass(frozen=True)
class GoalCoverage:
    goal: Goal
    rows: list[TargetCoverage]

    @property
    def covered(self) -> int:
        return sum(row.covered for row in self.rows)


@dataclass(frozen=True)
class Coverage:
    """The whole matrix, goal by goal, with the gaps listed apart."""

    goals: list[GoalCoverage]
    plan_count: int
    gaps: list[TargetCoverage] = field(default_factory=list)

    @property
    def covered(self) -> int:
        return sum(goal.covered for goal in self.goals)


RELEVANCE_LEVEL_OF: dict[str, str] = {Organisation.Kind.KOMMUNE: "kommune",
                                      Organisation.Kind.FYLKESKOMMUNE: "fylkeskommune"}
"""The level of government whose local relevance applies to each kind of organisation (others: kommune)."""


def relevance_levels(level: str = "kommune") -> dict[str, str]:
    """Each locally relevant target's strongest relevance level."""
    levels: dict[str, str] = {}
    for minimum in reversed(RELEVANCE_LEVELS):
        for code in locally_relevant_targets(level=level, minimum=minimum):
            levels[code] = minimum
    return levels


def _distinct_counts(links: QuerySet[Any], column: str) -> dict[str, int]:
    rows = links.exclude(**{f"{column}__isnull": True}).values("target").annotate(n=Count(column, distinct=True))
    return {row["target"]: row["n"] for row in rows}


def _indicator_counts(plans: QuerySet[Plan]) -> dict[str, int]:
    rows = (IndicatorLink.objects.filter(plan__in=plans, indicator__targets__isnull=False)
            .values("indicator__targets").annotate(n=Count("id", distinct=True)))
    return {row["indicator__targets"]: row["n"] for row in rows}


def national_counts(kind: str = Organisation.Kind.KOMMUNE) -> dict[str, int]:
    """How many organisations of ``kind`` (kommuner by default) link each target from their published plans."""
    rows = (TargetLink.objects.filter(state=TargetLink.State.ACCEPTED, plan__published=True,
                                      plan__organisation__kind=kind)
            .values("target").annotate(n=Count("plan__organisation", distinct=True)))
    return {row["target"]: row["n"] for row in rows}


def coverage_for(organisation: Organisation, plans: QuerySet[Plan]) -> Coverage:
    """The coverage of the given plans of ``organisation`` (the caller decides whether drafts count)."""
    plans = plans.filter(organisation=organisation)
    links = TargetLink.objects.filter(plan__in=plans, state=TargetLink.State.ACCEPTED)
    counts = {column: _distinct_counts(links, column) for column in ("plan", "goal", "action")}
    indicators = _indicator_counts(plans)
    kind = organisation.kind if organisation.kind in RELEVANCE_LEVEL_OF else Organisation.Kind.KOMMUNE
    relevance = relevance_levels(RELEVANCE_LEVEL_OF[kind])
    national = national_counts(kind)
    by_goal: dict[int, list[TargetCoverage]] = defaultdict(list)
    for target in Target.objects.all():
        by_goal[target.goal_id].append(TargetCoverage(
            target, counts["plan"].get(target.code, 0), counts["goal"].get(target.code, 0),
            counts["action"].get(target.code, 0), indicators.get(target.code, 0), relevance.get(target.code),
            national.get(target.code, 0)))
    goals = [GoalCoverage(goal, by_goal[goal.number]) for goal in Goal.objects.all()]
    gaps = [row for goal in goals for row in goal.rows if row.gap]
    return Coverage(goals, plans.count(), gaps)
