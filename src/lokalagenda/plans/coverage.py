"""Coverage: the 169 targets against an organisation's plans, local goals, actions and indicators.

A target is *planned* ("planlagt") when an accepted link from one of the plans (the plan's documents, goals or
actions) exists, and *measured* ("målt") when a key result's indicator measures it and has a value for the place
(a stored observation or a value the editor entered). It is covered when it is planned or an indicator link
measures it (with data or not yet). Gaps are targets that are locally relevant (``framework.relevance``, at the
level of the organisation: kommune or fylkeskommune) but not covered. The national count is the number of
organisations of the same kind (kommuner, or fylkeskommuner) whose *published* plans link to the target.

The matrix puts the 17 goals (and, opened, their targets) against the plans: each cell counts the things of that
plan linked to the goal or target (documents, local goals, actions and key results), and its heat level
(:func:`heat_level`) is said in words by :data:`HEAT_LEVELS`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from lokalagenda.accounts.models import Organisation
from lokalagenda.framework.models import Goal, RelevanceLevel, Target
from lokalagenda.framework.relevance import locally_relevant_targets
from lokalagenda.indicators.models import Observation
from lokalagenda.plans.access import place_of
from lokalagenda.plans.models import IndicatorLink, Plan, TargetLink

RELEVANCE_LEVELS = ("high", "medium", "low")
"""Local relevance levels from strongest to weakest; a target's level is the strongest that includes it."""


#: Heat levels of a matrix cell from the number of linked things: (least count, words for the legend).
HEAT_LEVELS = ((0, _("nothing linked")), (1, _("1 thing linked")), (2, _("2–3 things linked")),
               (4, _("4 or more things linked")))


def heat_level(count: int) -> int:
    """The index in :data:`HEAT_LEVELS` of a cell that counts ``count`` linked things."""
    return max(level for level, (least, _words) in enumerate(HEAT_LEVELS) if count >= least)


@dataclass(frozen=True)
class Cell:
    """One cell of the matrix: how many things of one plan are linked to a goal or target."""

    count: int

    @property
    def heat(self) -> int:
        return heat_level(self.count)


@dataclass(frozen=True)
class TargetCoverage:
    target: Target
    plans: int
    goals: int
    actions: int
    indicators: int
    relevance: str | None
    national: int
    measured_indicators: int = 0
    """Indicator links measuring the target whose indicator has a value for the place."""
    cells: list[Cell] = field(default_factory=list)
    """Per plan (in the order of ``Coverage.plans``)."""

    @property
    def relevance_label(self) -> str:
        """The relevance level in the active language ("" when the target is not locally relevant)."""
        return str(RelevanceLevel(self.relevance).label) if self.relevance else ""

    @property
    def planned(self) -> bool:
        """Linked from a plan, its documents, goals or actions ("planlagt")."""
        return bool(self.plans or self.goals or self.actions)

    @property
    def measured(self) -> bool:
        """Measured by a key result's indicator that has data for the place ("målt")."""
        return self.measured_indicators > 0

    @property
    def covered(self) -> bool:
        return bool(self.planned or self.indicators)

    @property
    def status(self) -> str:
        """``planned_and_measured``, ``planned``, ``measured``, ``indicator_without_data``, ``gap`` or ``none``."""
        if self.planned:
            return "planned_and_measured" if self.measured else "planned"
        if self.measured:
            return "measured"
        if self.indicators:
            return "indicator_without_data"
        return "gap" if self.gap else "none"

    @property
    def gap(self) -> bool:
        """Locally relevant, but nothing in the plans or indicators covers it."""
        return self.relevance is not None and not self.covered


@dataclass(frozen=True)
class GoalCoverage:
    goal: Goal
    rows: list[TargetCoverage]
    cells: list[Cell] = field(default_factory=list)
    """Per plan: the distinct things of the plan linked to any of the goal's targets."""

    @property
    def covered(self) -> int:
        return sum(row.covered for row in self.rows)

    @property
    def planned(self) -> int:
        return sum(row.planned for row in self.rows)

    @property
    def measured(self) -> int:
        return sum(row.measured for row in self.rows)

    @property
    def gaps(self) -> int:
        return sum(row.gap for row in self.rows)


@dataclass(frozen=True)
class Coverage:
    """The whole matrix, goal by goal, with the gaps listed apart."""

    goals: list[GoalCoverage]
    plan_count: int
    gaps: list[TargetCoverage] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)
    """The matrix's columns, newest plans first."""

    @property
    def covered(self) -> int:
        return sum(goal.covered for goal in self.goals)

    @property
    def planned(self) -> int:
        return sum(goal.planned for goal in self.goals)

    @property
    def measured(self) -> int:
        return sum(goal.measured for goal in self.goals)


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


def _measured_counts(plans: QuerySet[Plan], place: str) -> dict[str, int]:
    """Per target: the indicator links measuring it whose indicator has a value for ``place`` (stored or
    entered)."""
    links = IndicatorLink.objects.filter(plan__in=plans, indicator__targets__isnull=False)
    stored = (Observation.objects.filter(place=place, disaggregation="", value__isnull=False,
                                         indicator_id__in=links.values("indicator_id"))
              .values("indicator_id"))
    rows = (links.filter(Q(indicator_id__in=stored) | Q(current_value__isnull=False))
            .values("indicator__targets").annotate(n=Count("id", distinct=True)))
    return {row["indicator__targets"]: row["n"] for row in rows}


Things = dict[tuple[int, str], set[tuple[str, int]]]
"""(plan id, target code) → the things of the plan linked to the target, as (kind, id)."""


def _linked_things(plans: QuerySet[Plan]) -> Things:
    """What of each plan links each target: its documents, goals and actions (accepted links) and key results."""
    things: Things = defaultdict(set)
    links = TargetLink.objects.filter(plan__in=plans, state=TargetLink.State.ACCEPTED)
    for plan, target, goal, action, document in links.values_list("plan", "target", "goal", "action", "document"):
        kind, pk = ("goal", goal) if goal else ("action", action) if action else ("document", document)
        things[(plan, target)].add((kind, pk))
    key_results = IndicatorLink.objects.filter(plan__in=plans, indicator__targets__isnull=False)
    for plan, target, pk in key_results.values_list("plan", "indicator__targets", "id"):
        things[(plan, target)].add(("key_result", pk))
    return things


def _goal_cells(plan_ids: list[int], targets: list[Target], things: Things) -> list[Cell]:
    return [Cell(len(set().union(*(things.get((plan, target.code), set()) for target in targets))))
            for plan in plan_ids]


def coverage_for(organisation: Organisation, plans: QuerySet[Plan]) -> Coverage:
    """The coverage of the given plans of ``organisation`` (the caller decides whether drafts count)."""
    plans = plans.filter(organisation=organisation)
    columns = list(plans.order_by("-start_year", "title"))
    plan_ids = [plan.pk for plan in columns]
    links = TargetLink.objects.filter(plan__in=plans, state=TargetLink.State.ACCEPTED)
    counts = {column: _distinct_counts(links, column) for column in ("plan", "goal", "action")}
    indicators = _indicator_counts(plans)
    measured = _measured_counts(plans, place_of(organisation))
    things = _linked_things(plans)
    kind = organisation.kind if organisation.kind in RELEVANCE_LEVEL_OF else Organisation.Kind.KOMMUNE
    relevance = relevance_levels(RELEVANCE_LEVEL_OF[kind])
    national = national_counts(kind)
    by_goal: dict[int, list[TargetCoverage]] = defaultdict(list)
    for target in Target.objects.all():
        code = target.code
        by_goal[target.goal_id].append(TargetCoverage(
            target, counts["plan"].get(code, 0), counts["goal"].get(code, 0), counts["action"].get(code, 0),
            indicators.get(code, 0), relevance.get(code), national.get(code, 0), measured.get(code, 0),
            [Cell(len(things.get((plan, code), ()))) for plan in plan_ids]))
    goals = [GoalCoverage(goal, by_goal[goal.number],
                          _goal_cells(plan_ids, [row.target for row in by_goal[goal.number]], things))
             for goal in Goal.objects.all()]
    gaps = [row for goal in goals for row in goal.rows if row.gap]
    return Coverage(goals, len(columns), gaps, columns)
