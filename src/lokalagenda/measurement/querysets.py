"""Named reads of stored measurement results (pages and the API read these, never the methods)."""

from __future__ import annotations

from typing import Any

from lokalagenda.measurement.models import GoalResult, IndicatorResult, MeasurementRun, PlaceResult


def latest_run() -> MeasurementRun | None:
    return MeasurementRun.objects.filter(status=MeasurementRun.Status.DONE).first()


def dashboard_for(place: str) -> dict[str, Any] | None:
    """A kommune's goals, indicators and index from the latest finished run, or None before the first run."""
    run = latest_run()
    if run is None:
        return None
    goals = {result.goal_id: result for result in GoalResult.objects.filter(run=run, place=place)}
    indicators = list(IndicatorResult.objects.filter(run=run, place=place).select_related("indicator")
                      .order_by("indicator__id"))
    return {"run": run, "goals": goals, "indicators": indicators,
            "place": PlaceResult.objects.filter(run=run, place=place).first()}


def goal_for(place: str, goal_number: int) -> dict[str, Any] | None:
    """A kommune's stored result for one goal and its indicators' results, from the latest finished run."""
    run = latest_run()
    if run is None:
        return None
    goal_result = GoalResult.objects.filter(run=run, place=place, goal_id=goal_number).first()
    indicators = [result for result in IndicatorResult.objects.filter(run=run, place=place)
                  .select_related("indicator").prefetch_related("indicator__targets").order_by("indicator__id")
                  if min((t.goal_id for t in result.indicator.targets.all()), default=None) == goal_number]
    return {"run": run, "goal_result": goal_result, "indicators": indicators}
