"""The migration that brings in what the data can carry takes away an index a stored run built from fewer than 14
goals (Bergen's 84.4 from one goal), so no page shows it before the next run; an index of 14 goals stays."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from lokalagenda.measurement.models import GoalResult, MeasurementRun, PlaceResult

BEFORE = [("measurement", "0004_peer_percentiles")]


@pytest.fixture(scope="module")
def reference_data_afterwards(django_db_setup: Any, django_db_blocker: Any, data_dir: Path) -> Iterator[None]:
    """A transactional test ends by emptying the database; load the reference bundle again for the tests after."""
    yield
    from lokalagenda.core.datadir import DataDirectory
    from lokalagenda.reference.services import load_reference

    with django_db_blocker.unblock():
        load_reference(DataDirectory(data_dir))


def _stored_before(executor: MigrationExecutor) -> int:
    """A run as stored before the migration: Bergen with an index from goal 3 alone, Oslo with 14 goals."""
    old = executor.loader.project_state(BEFORE).apps
    run = old.get_model("measurement", "MeasurementRun").objects.create(
        fingerprint="x", status="done",
        methods={"sdsn_index": {"version": "sdsn-sdg-index/1", "parameters": {"max_missing_share": 0.2}}})
    goals, places = old.get_model("measurement", "GoalResult"), old.get_model("measurement", "PlaceResult")
    goals.objects.create(run=run, goal_id=3, place="4601", score=84.4, indicators=4)
    goals.objects.create(run=run, goal_id=4, place="4601", score=None, indicators=1)
    places.objects.create(run=run, place="4601", index=84.4)
    for number in range(1, 15):
        goals.objects.create(run=run, goal_id=number, place="0301", score=60.0, indicators=1)
    places.objects.create(run=run, place="0301", index=60.0)
    results = old.get_model("measurement", "IndicatorResult")
    for indicator, score in (("VAX_MEASLES_AGE2", 80.0), ("VAX_MEASLES_AGE16", 90.0), ("VAX_DIPHTHERIA_AGE2", None)):
        results.objects.create(run=run, indicator_id=indicator, place="4601", score=score)
    return run.id


@pytest.mark.django_db(transaction=True)
def test_the_migration_takes_away_an_index_of_fewer_than_14_goals(reference_data_afterwards):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    run_id = _stored_before(MigrationExecutor(connection))
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # through 0005_current_status, and any later one
    bergen, oslo = (PlaceResult.objects.get(run_id=run_id, place=place) for place in ("4601", "0301"))
    assert (bergen.index, bergen.goals_measured) == (None, 1)
    assert (oslo.index, oslo.goals_measured) == (60.0, 14)
    assert GoalResult.objects.get(run_id=run_id, place="4601", goal=3).scored_indicators == 2
    parameters = MeasurementRun.objects.get(id=run_id).methods["sdsn_index"]["parameters"]
    assert parameters["min_goals"] == 14 and parameters["min_goals_applied_later"] is True
