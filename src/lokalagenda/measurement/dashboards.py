"""A place's goal status as its pages show it: the stored results of the latest measurement run with every goal
in order and the organisation's priority goals marked. The kommune page, the fylke page and the tiles
(:mod:`lokalagenda.measurement.tiles`) read it; it lives here, below ``reports`` and ``web``, so both may."""

from __future__ import annotations

from dataclasses import dataclass

from lokalagenda.framework.models import Goal
from lokalagenda.measurement.gaps import GoalGap
from lokalagenda.measurement.models import MeasurementRun, PlaceResult
from lokalagenda.measurement.querysets import Dashboard, StoredGoal, StoredIndicator, dashboard_for
from lokalagenda.plans.models import Priorities


@dataclass(frozen=True)
class PlaceDashboard:
    """A place's :class:`~lokalagenda.measurement.querysets.Dashboard` with ``goals`` as (goal, stored result or
    None, whether a priority) for all 17 goals in order."""

    dashboard: Dashboard
    goals: list[tuple[Goal, StoredGoal | None, bool]]

    @property
    def run(self) -> MeasurementRun:
        return self.dashboard.run

    @property
    def place(self) -> PlaceResult | None:
        return self.dashboard.place

    @property
    def indicators(self) -> list[StoredIndicator]:
        return self.dashboard.indicators

    @property
    def priority_goals(self) -> set[int]:
        """The numbers of the goals marked as priorities."""
        return {goal.number for goal, _stored, priority in self.goals if priority}

    def gaps(self) -> list[GoalGap]:
        return self.dashboard.gaps()


def place_dashboard(place: str, priorities: Priorities | None) -> PlaceDashboard | None:
    """The dashboard of ``place`` (kommunenummer, fylkesnummer or ``core.observations.COUNTRY``) with every goal
    and the priority goals marked; None before the first run that holds the place."""
    dashboard = dashboard_for(place)
    if dashboard is None:
        return None
    chosen = set(priorities.goals.values_list("number", flat=True)) if priorities else set()
    return PlaceDashboard(dashboard, [(goal, dashboard.goals.get(goal.number), goal.number in chosen)
                                      for goal in Goal.objects.all()])
