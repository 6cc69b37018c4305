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
