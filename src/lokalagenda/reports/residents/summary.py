"""The residents' summary of a kommune or fylke: where it stands on the 17 goals, in plain words.

Everything here reads stored results (:mod:`lokalagenda.measurement.querysets`) and published rows only: the
priorities, plans (their actions) and partnerships a visitor without an account may see. Nothing is computed
beyond counting and ordering what is stored.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.db.models import Q

from lokalagenda.accounts.models import Organisation
from lokalagenda.framework.models import Goal
from lokalagenda.measurement.models import Colour, GoalResult, IndicatorResult, MeasurementRun, Trend
from lokalagenda.measurement.querysets import Dashboard, dashboard_for
from lokalagenda.measurement.tiles import GoalTiles, tiles_of
from lokalagenda.partnerships.models import Partnership
from lokalagenda.places.place import Place
from lokalagenda.plans.models import Action, Plan, Priorities
from lokalagenda.ui.language import active_language

#: How many best and weakest areas the summary names.
AREAS = 3
#: How many actions and partnerships the summary lists (the full pages have them all).
LISTED = 5
#: Trends grouped into the four plain-language groups the summary counts, in the order it names them.
TREND_GROUPS: dict[str, tuple[str, ...]] = {
    "on_track": (Trend.ON_TRACK, Trend.MAINTAINING_ACHIEVEMENT),
    "improving": (Trend.MODERATELY_IMPROVING,),
    "stagnating": (Trend.STAGNATING,),
    "decreasing": (Trend.DECREASING,),
}
COLOUR_ORDER = tuple(Colour.values)


@dataclass(frozen=True)
class GoalLine:
    """One of the 17 goals for the place: its stored result (None when not measured) and whether it is a
    published priority."""

    goal: Goal
    result: GoalResult | None
    priority: bool


@dataclass
class ResidentSummary:
    """What the residents' page and the widget show. ``run`` is None before the first measurement."""

    place: Place
    run: MeasurementRun | None
    goals: list[GoalLine]
    trends: dict[str, int]
    colours: list[tuple[str, int]]
    index: float | None
    best: list[IndicatorResult]
    weakest: list[IndicatorResult]
    priorities: Priorities | None
    actions: list[Action] = field(default_factory=list)
    action_count: int = 0
    partnerships: list[Partnership] = field(default_factory=list)
    sources: list[tuple[str, str]] = field(default_factory=list)
    #: The stored results and the published priority goals the tiles are made of.
    dashboard: Dashboard | None = None
    chosen: frozenset[int] = frozenset()

    @cached_property
    def tiles(self) -> GoalTiles | None:
        """The 17 goal tiles the residents' page opens with (None before the first run), made when a page shows
        them: the widget, embedded on the kommune's own site, does not."""
        if self.dashboard is None:
            return None
        return tiles_of(self.dashboard, priorities=self.chosen, place=self.place.number)

    @property
    def measured(self) -> int:
        """How many of the 17 goals have a stored score."""
        return sum(1 for line in self.goals if line.result is not None and line.result.score is not None)

    @property
    def priority_goals(self) -> list[Goal]:
        return [line.goal for line in self.goals if line.priority]


def resident_summary(place: Place) -> ResidentSummary:
    """The plain-language summary of ``place`` from the last stored run that holds it."""
    priorities = _published_priorities(place.organisation)
    chosen = set(priorities.goals.values_list("number", flat=True)) if priorities else set()
    dashboard = dashboard_for(place.number)
    results: dict[int, GoalResult] = {number: goal.result for number, goal in dashboard.goals.items()} \
        if dashboard else {}
    indicators: list[IndicatorResult] = [stored.result for stored in dashboard.indicators] if dashboard else []
    best, weakest = best_and_weakest(indicators)
    place_result = dashboard.place if dashboard else None
    summary = ResidentSummary(
        place=place, run=dashboard.run if dashboard else None,
        goals=[GoalLine(goal, results.get(goal.number), goal.number in chosen) for goal in Goal.objects.all()],
        trends=trend_counts(results.values()), colours=colour_counts(results.values()),
        index=place_result.index if place_result else None, best=best, weakest=weakest, priorities=priorities,
        sources=indicator_sources(indicators),
        dashboard=dashboard, chosen=frozenset(chosen),
    )
    if place.organisation is not None:
        actions = published_actions(place.organisation)
        summary.action_count = actions.count()
        summary.actions = list(actions[:LISTED])
        summary.partnerships = list(published_partnerships(place)[:LISTED])
    return summary


def _published_priorities(organisation: Organisation | None) -> Priorities | None:
    if organisation is None:
        return None
    return Priorities.objects.published().for_organisation(organisation).first()


def trend_counts(results: Any) -> dict[str, int]:
    """How many goals fall in each plain-language trend group (goals without a trend are not counted)."""
    trends = Counter(result.trend for result in results)
    return {group: sum(trends[trend] for trend in members) for group, members in TREND_GROUPS.items()}


def colour_counts(results: Any) -> list[tuple[str, int]]:
    """How many goals have each dashboard colour, best first; colours no goal has are left out."""
    colours = Counter(result.colour for result in results)
    return [(colour, colours[colour]) for colour in COLOUR_ORDER if colours[colour]]


def best_and_weakest(results: list[IndicatorResult]) -> tuple[list[IndicatorResult], list[IndicatorResult]]:
    """The strongest and weakest scored indicators, at most :data:`AREAS` each and never the same one twice.

    Ranked by the dashboard colour first (green, yellow, orange, red, none) and by score within a colour: the
    colour is the indicator's quartile among the kommuner (its rank; or, for an indicator with 2030 thresholds,
    where it stands against them — ``measurement.colour_meaning``), while the score only places its
    value on a line from a low bound to the target or the best kommuners' mean, so a green indicator with score
    78 is stronger than a yellow one with 90 — the list a resident reads must agree with the status words beside
    each entry. With fewer than ``2 × AREAS`` scored indicators the better half is "strongest" and the rest
    "weakest".
    """
    rank = {colour: position for position, colour in enumerate(COLOUR_ORDER)}
    scored = sorted((result for result in results if result.score is not None),
                    key=lambda result: (rank.get(result.colour or "", len(rank)), -result.score,
                                        result.indicator_id))
    best = scored[:min(AREAS, (len(scored) + 1) // 2)]
    rest = scored[len(best):]
    weakest = rest[-AREAS:][::-1]
    return best, weakest


def indicator_sources(results: list[IndicatorResult]) -> list[tuple[str, list[str]]]:
    """The publishers of the measured indicators, each with the titles of its indicators, in alphabetical order.

    Residents get who published what; the licences and the full provenance are on the open data page and in the
    review's annex, where the people who reuse the numbers look for them.
    """
    language = active_language()
    by_publisher: dict[str, set[str]] = {}
    for result in results:
        by_publisher.setdefault(result.indicator.publisher or "–", set()).add(result.indicator.title_in(language))
    return [(publisher, sorted(titles)) for publisher, titles in sorted(by_publisher.items())]


def published_actions(organisation: Organisation) -> Any:
    """The actions (tiltak) in the organisation's published plans, cancelled ones left out, newest plans first."""
    plans = Plan.objects.published().for_organisation(organisation)
    return (Action.objects.filter(goal__plan__in=plans).exclude(status=Action.Status.CANCELLED)
            .select_related("goal__plan").order_by("-goal__plan__start_year", "goal__plan_id", "id"))


def published_partnerships(place: Place) -> Any:
    """The published partnerships the kommune owns or takes part in (a fylke: that its fylkeskommune owns)."""
    rows = Partnership.objects.published()
    if place.is_kommune:
        rows = rows.for_kommune(place.number)
    else:
        rows = rows.filter(Q(organisation__fylke_id=place.number))
    return rows.prefetch_related("partners").order_by("-updated_at", "-id")
