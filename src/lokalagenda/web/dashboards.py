"""A place's goal status as its pages show it: the stored results of the latest measurement run with every goal
in order and the organisation's priority goals marked. The kommune page and the fylke page read it."""

from __future__ import annotations

from typing import Any

from lokalagenda.framework.models import Goal
from lokalagenda.measurement.querysets import dashboard_for
from lokalagenda.plans.models import Priorities


def place_dashboard(place: str, priorities: Priorities | None) -> dict[str, Any] | None:
    """The dashboard of ``place`` (kommunenummer or fylkesnummer) with ``goals`` as (goal, result or None,
    whether a priority) for all 17 goals; None before the first run that holds the place."""
    results = dashboard_for(place)
    if results is None:
        return None
    chosen = set(priorities.goals.values_list("number", flat=True)) if priorities else set()
    goals = [(goal, results["goals"].get(goal.number), goal.number in chosen) for goal in Goal.objects.all()]
    return {**results, "goals": goals}
