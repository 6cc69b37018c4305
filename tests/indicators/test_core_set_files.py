"""The core set the project ships (indicators/coreset/*.csv and connectors/specs/*.json): its catalogue files
load without a problem, every spec has a catalogue row, and the specs measure every goal at least twice from at
least three publishers, each with evidence (issue 13's bar for the set)."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

import lokalagenda.indicators
from lokalagenda.connectors.services import read_specs
from lokalagenda.indicators.catalogue_loading import load_catalogue_file
from lokalagenda.indicators.set_membership import CORE_SET, core_set

pytestmark = pytest.mark.django_db

CORESET_DIR = Path(lokalagenda.indicators.__file__).resolve().parent / "coreset"
#: Spec indicators whose catalogue row comes from the reference catalogue, not from a core-set file.
IN_THE_REFERENCE = {"POP_TOTAL"}


def _catalogue_ids() -> set[str]:
    ids: set[str] = set()
    for path in sorted(CORESET_DIR.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as file:
            ids |= {row["indicator_id"] for row in csv.DictReader(file)}
    return ids


def test_every_core_set_file_loads_into_the_core_set_and_a_second_load_changes_nothing():
    files = sorted(CORESET_DIR.glob("*.csv"))
    assert files
    for path in files:
        load_catalogue_file(path, set_slug=CORE_SET[0])
    assert core_set().indicators.count() == len(_catalogue_ids()) >= 80
    assert not any(load_catalogue_file(path, set_slug=CORE_SET[0]).changed for path in files)


def test_every_shipped_spec_has_a_catalogue_row_and_evidence():
    entries = read_specs()
    missing = {entry.indicator for entry in entries} - _catalogue_ids() - IN_THE_REFERENCE
    assert not missing, f"specs without a core-set catalogue row: {sorted(missing)}"
    assert all(entry.evidence for entry in entries)


def test_the_specs_measure_every_goal_at_least_twice_from_at_least_three_publishers():
    entries = read_specs()
    assert len(entries) >= 80
    assert {entry.publisher for entry in entries} >= {"ssb", "fhi", "valg"}
    per_goal = Counter(goal.number for entry in entries for goal in entry.goals)
    thin = {goal: per_goal[goal] for goal in range(1, 18) if per_goal[goal] < 2}
    assert not thin, f"goals with fewer than two specs: {thin}"
