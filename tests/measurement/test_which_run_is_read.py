"""Which measurement run a page, report or API answer reads is decided in one place, ``measurement.querysets``:
the last finished complete run for national pages, the last finished run holding a kommune for its pages, and
the same per kommune for the roll-up."""

from __future__ import annotations

import pytest

from lokalagenda.measurement.models import MeasurementRun
from lokalagenda.measurement.querysets import finished_run, holds, latest_run, latest_run_for, latest_runs_for

pytestmark = pytest.mark.django_db

DONE, FAILED = MeasurementRun.Status.DONE, MeasurementRun.Status.FAILED


def _run(status: str = DONE, kommuner: tuple[str, ...] = ()) -> MeasurementRun:
    """A run row as ``measure`` leaves it: complete, or narrowed to the kommuner given."""
    return MeasurementRun.objects.create(status=status, complete=not kommuner,
                                         kommuner=f" {' '.join(kommuner)} " if kommuner else "")


def test_a_narrowed_run_after_the_complete_one_is_read_only_for_its_kommuner():
    complete = _run()
    narrowed = _run(kommuner=("4601",))
    assert latest_run() == complete
    assert latest_run_for("4601") == narrowed and latest_run_for("0301") == complete
    assert latest_runs_for(complete, ["4601", "0301"]) == {"4601": narrowed, "0301": complete}


def test_a_failed_run_is_read_by_no_one():
    complete = _run()
    failed = _run(FAILED)
    failed_narrowed = _run(FAILED, ("4601",))
    assert latest_run() == complete and latest_run_for("4601") == complete
    assert finished_run(failed.pk) is None and finished_run(failed_narrowed.pk) is None
    assert finished_run(complete.pk) == complete
    assert latest_runs_for(complete, ["4601"]) == {"4601": complete}


def test_a_complete_run_holds_every_place_and_a_narrowed_run_only_its_kommuner():
    narrowed = _run(kommuner=("0301", "4601"))
    assert holds(_run(), "0301") and holds(_run(), "46")
    assert holds(narrowed, "0301") and holds(narrowed, "4601")
    assert not holds(narrowed, "460") and not holds(narrowed, "46") and not holds(narrowed, "1103")
