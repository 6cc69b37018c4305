"""Goals without data on a kommune's dashboard, each with the catalogue indicators that would measure it.

A goal without a current score should not simply read "no data": the dashboard names up to three catalogue
indicators (the core set's first) that are tied to the goal's targets, have a direction (so the measurement
can score them) and have a fetch spec (so ``lokalagenda sync`` can fetch them), and says when the kommune's
only values are too old to give a status. A fetch spec is a stored ``FetchSpec`` row or an entry of the
connectors' spec files, which ``lokalagenda sync`` stores on its first run: reading both names the indicators
before the first sync too.
This module only reads; it never changes a spec.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from lokalagenda.connectors.services import spec_entries
from lokalagenda.framework.models import Goal
from lokalagenda.indicators.models import Indicator
from lokalagenda.indicators.set_membership import CORE_SET
from lokalagenda.measurement.models import GoalResult, IndicatorResult

#: How many indicators a goal without data names (the catalogue page filtered by goal has them all).
NAMED = 3
SCORED_DIRECTIONS = ("higher", "lower")


@dataclass(frozen=True)
class GoalGap:
    """A goal with no current score for the kommune: up to :data:`NAMED` indicators that would measure it, how
    many more there are, and the latest year of the kommune's values that are too old to give a status."""

    goal: Goal
    indicators: list[Indicator] = field(default_factory=list)
    more: int = 0
    too_old_year: int | None = None

    @property
    def bare(self) -> bool:
        """Nothing to say of this goal but that it has no data: no indicator would measure it, no old value."""
        return not self.indicators and self.too_old_year is None


def fetchable_indicator_ids() -> set[str]:
    """The indicators with a fetch spec: stored ones, and those of the connectors' spec files."""
    return set(spec_entries())


def measuring_indicators(goals: list[int]) -> dict[int, list[Indicator]]:
    """Per goal: the indicators tied to one of its targets that have a direction and a fetch spec, the core
    set's first, each part by id."""
    if not goals:
        return {}
    rows = (Indicator.objects.filter(targets__goal_id__in=goals, direction__in=SCORED_DIRECTIONS,
                                     id__in=fetchable_indicator_ids())
            .values_list("id", "targets__goal_id").distinct())
    by_goal: dict[int, set[str]] = defaultdict(set)
    for indicator_id, goal in rows:
        if goal in goals:
            by_goal[goal].add(indicator_id)
    indicators = Indicator.objects.in_bulk({code for codes in by_goal.values() for code in codes})
    core = set(Indicator.objects.filter(sets__slug=CORE_SET[0], id__in=indicators).values_list("id", flat=True))
    return {goal: [indicators[code] for code in sorted(codes, key=lambda code: (code not in core, code))]
            for goal, codes in by_goal.items()}


def goal_gaps(goals: dict[int, GoalResult], indicators: list[IndicatorResult]) -> list[GoalGap]:
    """The goals (1–17, in order) without a current score for the kommune whose results are given."""
    missing = [goal for goal in Goal.objects.order_by("number")
               if goals.get(goal.number) is None or goals[goal.number].score is None]
    candidates = measuring_indicators([goal.number for goal in missing])
    old = {result.indicator_id: result.year for result in indicators if result.too_old and result.year is not None}
    too_old: dict[int, int] = {}
    for indicator_id, goal in goals_of(list(old)).items():
        too_old[goal] = max(old[indicator_id], too_old.get(goal, old[indicator_id]))
    return [GoalGap(goal, candidates.get(goal.number, [])[:NAMED], max(len(candidates.get(goal.number, [])) - NAMED, 0),
                    too_old.get(goal.number)) for goal in missing]


def goals_of(indicator_ids: list[str]) -> dict[str, int]:
    """The goal each indicator counts under: that of its first target, as the measurement assigns it."""
    goals: dict[str, int] = {}
    rows = Indicator.targets.through.objects.filter(indicator_id__in=indicator_ids)
    for indicator_id, goal in rows.values_list("indicator_id", "target__goal_id"):
        goals[indicator_id] = min(goal, goals.get(indicator_id, goal))
    return goals
