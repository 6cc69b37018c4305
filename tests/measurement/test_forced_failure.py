"""A measurement run that fails half-way, after it has stored results, leaves no results behind: the run itself
stays, marked failed with the reason, and pages keep reading the last finished run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lokalagenda.indicators.services import import_file
from lokalagenda.measurement import services
from lokalagenda.measurement.models import GoalResult, IndicatorResult, MeasurementRun, PlaceResult
from lokalagenda.measurement.querysets import latest_run, latest_run_for
from lokalagenda.persistence.backup import TableSummary, table_summary

pytestmark = pytest.mark.django_db

RESULTS = (IndicatorResult, GoalResult, PlaceResult)


class Killed(RuntimeError):
    """Stands for whatever stops a run half-way: a crash, a lost connection, a killed worker."""


@pytest.fixture
def finished_run(scored_values: Path) -> MeasurementRun:
    import_file(scored_values)
    return services.measure().run


def _results() -> list[TableSummary]:
    return [table_summary(model) for model in RESULTS]


def _stop_while_storing(stored: list[int]) -> Any:
    """A progress callback (the run's own seam) that stops the run after the indicator results are written."""
    def progress(done: int, total: int, message: str) -> None:
        if message == "storing goal and place results":
            stored.append(IndicatorResult.objects.filter(run__status="running").count())
            raise Killed("the worker was stopped")
    return progress


def test_a_run_stopped_while_storing_leaves_no_results_and_is_marked_failed(finished_run: MeasurementRun):
    before = _results()
    stored: list[int] = []
    with pytest.raises(Killed):
        services.measure(force=True, progress_callback=_stop_while_storing(stored))
    assert stored and stored[0] > 0, "indicator results were written before the stop"
    assert _results() == before
    failed = MeasurementRun.objects.exclude(pk=finished_run.pk).get()
    assert (failed.status, failed.message) == ("failed", "the worker was stopped")
    assert failed.finished_at is not None and failed.counts == {} and failed.methods == {}
    assert latest_run() == finished_run and latest_run_for("0301") == finished_run


def test_a_run_whose_goal_results_fail_keeps_nothing_of_it(finished_run: MeasurementRun, monkeypatch):
    before = _results()

    def broken_goal_results(*args: Any, **kwargs: Any) -> list[GoalResult]:
        raise Killed("goal scores could not be made")

    monkeypatch.setattr(services, "_goal_results", broken_goal_results)
    with pytest.raises(Killed):
        services.measure(force=True)
    assert _results() == before
    assert list(MeasurementRun.objects.values_list("status", flat=True).order_by("id")) == ["done", "failed"]


def test_the_first_run_failing_leaves_no_results_and_the_next_one_computes_again(scored_values: Path):
    import_file(scored_values)
    with pytest.raises(Killed):
        services.measure(progress_callback=_stop_while_storing([]))
    assert all(summary.rows == 0 for summary in _results())
    assert latest_run() is None
    report = services.measure()
    assert not report.reused and report.run.status == "done" and IndicatorResult.objects.filter(run=report.run).exists()
