"""store(): the set-based writes (COPY on PostgreSQL, one prepared INSERT on SQLite) keep every behaviour of a
revision: its counts, a change record with old and new value and flag for every added, changed and removed value,
units and flags, values outside the table's scope untouched, and nothing written when the transaction fails.

Run on both databases (``DATABASE_URL`` for PostgreSQL); the expected rows are written out by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from django.db import transaction

from lokalagenda.core.imports import PreparedImport
from lokalagenda.core.observations import normalise
from lokalagenda.indicators import bulk
from lokalagenda.indicators.models import DatasetRevision, Indicator, Observation, ObservationChange
from lokalagenda.indicators.services import store

pytestmark = pytest.mark.django_db
NAN = math.nan
#: A disaggregation with every character COPY's text format escapes, and more.
AWKWARD = 'alder 0–17\tår, "alle"\\kjønn\nlinje 2;æøå'


@pytest.fixture(autouse=True)
def indicators(db):
    Indicator.objects.bulk_create([Indicator(id="STORE_A", unit="prosent"), Indicator(id="STORE_B", unit="personer")])


def _prepared(*rows: tuple) -> PreparedImport:
    columns = ["indicator", "place", "year", "disaggregation", "value", "unit", "flag"]
    return PreparedImport(normalise(pd.DataFrame(list(rows), columns=columns)), [], provenance={"url": "test"})


def _observations() -> set[tuple]:
    return {(o.indicator_id, o.place, o.year, o.disaggregation, _value(o.value), o.unit, o.flag, o.revision.number)
            for o in Observation.objects.filter(indicator__in=["STORE_A", "STORE_B"]).select_related("revision")}


def _changes(indicator: str, number: int) -> set[tuple]:
    return {(c.kind, c.place, c.year, c.disaggregation, _value(c.old_value), c.old_flag, _value(c.new_value),
             c.new_flag)
            for c in ObservationChange.objects.filter(revision__indicator=indicator, revision__number=number)}


def _value(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


FIRST = _prepared(
    ("STORE_A", "0301", 2023, "", 10.5, "prosent", ""),
    ("STORE_A", "0301", 2024, "", 11.0, "prosent", "provisional"),
    ("STORE_A", "4601", 2024, "", NAN, "prosent", "suppressed"),
    ("STORE_A", "5501", 2024, AWKWARD, 3.25, "prosent", ""),
    ("STORE_B", "0301", 2024, "", 717710, "personer", ""),
)


def test_a_first_store_adds_every_value_with_unit_flag_and_a_change_record():
    report = store(FIRST, source="first.csv")

    assert [(r.indicator, r.revision, r.added, r.changed, r.removed) for r in report.revisions] == [
        ("STORE_A", 1, 4, 0, 0), ("STORE_B", 1, 1, 0, 0)]
    assert _observations() == {
        ("STORE_A", "0301", 2023, "", 10.5, "prosent", "", 1), ("STORE_A", "0301", 2024, "", 11.0, "prosent",
                                                                 "provisional", 1),
        ("STORE_A", "4601", 2024, "", None, "prosent", "suppressed", 1),
        ("STORE_A", "5501", 2024, AWKWARD, 3.25, "prosent", "", 1), ("STORE_B", "0301", 2024, "", 717710, "personer",
                                                                     "", 1)}
    assert _changes("STORE_A", 1) == {
        ("added", "0301", 2023, "", None, "", 10.5, ""), ("added", "0301", 2024, "", None, "", 11.0, "provisional"),
        ("added", "4601", 2024, "", None, "", None, "suppressed"), ("added", "5501", 2024, AWKWARD, None, "", 3.25, "")}
    revision = DatasetRevision.objects.get(indicator="STORE_A", number=1)
    assert (revision.source, revision.provenance, revision.added) == ("first.csv", {"url": "test"}, 4)


def test_the_same_table_stored_twice_makes_no_second_revision():
    store(FIRST, source="first.csv")
    before = _observations()

    report = store(FIRST, source="again.csv")

    assert [(r.revision, r.added, r.changed, r.removed) for r in report.revisions] == [(None, 0, 0, 0)] * 2
    assert _observations() == before
    assert DatasetRevision.objects.filter(indicator__in=["STORE_A", "STORE_B"]).count() == 2


def test_changed_and_removed_values_keep_old_and_new_value_and_flag_and_leave_other_years_alone():
    store(FIRST, source="first.csv")
    second = _prepared(
        ("STORE_A", "0301", 2024, "", 11.0, "prosent", ""),          # flag dropped: changed
        ("STORE_A", "4601", 2024, "", 7.5, "prosent", ""),           # suppressed value now published: changed
        ("STORE_A", "1103", 2024, "", 2.0, "prosent", "estimated"),  # new: added
        # 5501 2024 (AWKWARD) is left out: removed; 0301 2023 is another year: out of scope, kept
    )

    report = store(second, source="second.csv")

    assert [(r.indicator, r.revision, r.added, r.changed, r.removed) for r in report.revisions] == [
        ("STORE_A", 2, 1, 2, 1)]
    assert _changes("STORE_A", 2) == {
        ("changed", "0301", 2024, "", 11.0, "provisional", 11.0, ""),
        ("changed", "4601", 2024, "", None, "suppressed", 7.5, ""),
        ("added", "1103", 2024, "", None, "", 2.0, "estimated"),
        ("removed", "5501", 2024, AWKWARD, 3.25, "", None, "")}
    assert {o for o in _observations() if o[0] == "STORE_A"} == {
        ("STORE_A", "0301", 2023, "", 10.5, "prosent", "", 1), ("STORE_A", "0301", 2024, "", 11.0, "prosent", "", 2),
        ("STORE_A", "4601", 2024, "", 7.5, "prosent", "", 2), ("STORE_A", "1103", 2024, "", 2.0, "prosent",
                                                                 "estimated", 2)}
    assert ("STORE_B", "0301", 2024, "", 717710, "personer", "", 1) in _observations()


def test_a_store_that_fails_in_the_callers_transaction_leaves_nothing():
    store(FIRST, source="first.csv")
    before = (_observations(), ObservationChange.objects.count(), DatasetRevision.objects.count())
    changed = _prepared(("STORE_A", "0301", 2024, "", 99.0, "prosent", ""),
                        ("STORE_B", "0301", 2024, "", 1, "personer", ""))

    with pytest.raises(RuntimeError), transaction.atomic():
        store(changed, source="doomed.csv")
        assert Observation.objects.get(indicator="STORE_A", place="0301", year=2024).value == 99.0
        raise RuntimeError("the caller fails after storing")

    assert (_observations(), ObservationChange.objects.count(), DatasetRevision.objects.count()) == before


def test_delete_by_keys_deletes_exactly_the_keys_of_that_indicator():
    store(FIRST, source="first.csv")
    store(_prepared(("STORE_B", "0301", 2023, "", 1, "personer", "")), source="b.csv")

    deleted = bulk.delete_by_keys(Observation, {"indicator": "STORE_A"}, ("place", "year", "disaggregation"),
                                  [("0301", 2023, ""), ("5501", 2024, AWKWARD), ("9999", 2024, "")])

    assert deleted == 2
    assert {(o[0], o[1], o[2]) for o in _observations()} == {
        ("STORE_A", "0301", 2024), ("STORE_A", "4601", 2024), ("STORE_B", "0301", 2024), ("STORE_B", "0301", 2023)}
