"""The core set (kjernesett): its revision log, written by ``load-catalogue --set kjernesett`` and by a national
editor's change. Its page is tested in ``tests/web/pages/test_core_set.py``."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from lokalagenda.accounts.models import AuditEntry
from lokalagenda.indicators.models import Indicator, IndicatorSet, IndicatorSetChange
from lokalagenda.indicators.set_membership import change_membership, edit_core_set
from tests.fixtures import CORE_SET_SAMPLE

pytestmark = pytest.mark.django_db

SAMPLE = CORE_SET_SAMPLE
IDS = {"TEST_CORE_LOW_INCOME", "TEST_CORE_LIFE_EXPECTANCY", "TEST_CORE_TURNOUT", "TEST_CORE_WASTEWATER"}


def load(path: Path = SAMPLE) -> None:
    call_command("load_catalogue", str(path), "--set", "kjernesett", "--set-name", "Kjernesett", verbosity=0)


def log() -> list[tuple[str, str, str, str]]:
    return list(IndicatorSetChange.objects.order_by("id").values_list("indicator_id", "action", "source", "reason"))


# --------------------------------------------------------------------------------------------- the revision log

def test_first_load_makes_the_core_set_and_logs_each_indicator_as_added_from_the_file(loaded_core_set):
    assert loaded_core_set.kind == IndicatorSet.Kind.CORE and loaded_core_set.name == "Kjernesett"
    assert set(loaded_core_set.indicators.values_list("id", flat=True)) == IDS
    assert sorted(log()) == sorted((id_, "added", SAMPLE.name, "") for id_ in IDS)
    assert not IndicatorSetChange.objects.filter(user__isnull=False).exists()


def test_a_reload_that_changes_nothing_writes_nothing(loaded_core_set):
    before = IndicatorSetChange.objects.count()
    load()
    assert IndicatorSetChange.objects.count() == before == len(IDS)


def test_a_reload_that_changes_a_definition_logs_the_indicator_as_changed_with_the_fields(loaded_core_set, tmp_path):
    rows = list(csv.DictReader(SAMPLE.open(encoding="utf-8")))
    rows[0]["definition_en"] = "A sharper definition."
    changed = tmp_path / "kjernesett-2027.csv"
    with changed.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    load(changed)
    entry = IndicatorSetChange.objects.latest("id")
    assert (entry.indicator_id, entry.action, entry.source, entry.fields) == (
        rows[0]["indicator_id"], "changed", "kjernesett-2027.csv", ["definition_en"])
    assert IndicatorSetChange.objects.count() == len(IDS) + 1


def test_existing_indicators_joining_the_set_by_a_load_are_logged_as_added():
    call_command("load_catalogue", str(SAMPLE), "--set", "andre-sett", verbosity=0)
    load()
    assert IndicatorSetChange.objects.filter(indicator_set__slug="kjernesett", action="added").count() == len(IDS)
    assert IndicatorSetChange.objects.filter(indicator_set__slug="andre-sett", action="added").count() == len(IDS)


def test_national_editor_removes_an_indicator_with_a_reason_logged_and_audited(loaded_core_set, national_editor):
    indicator = Indicator.objects.get(id="TEST_CORE_LIFE_EXPECTANCY")
    change = edit_core_set(national_editor, indicator, "removed", "  Replaced by a yearly series. ")
    assert change is not None and (change.action, change.reason, change.user) == (
        "removed", "Replaced by a yearly series.", national_editor)
    assert not loaded_core_set.indicators.filter(id=indicator.id).exists()
    audit = AuditEntry.objects.filter(object_pk=indicator.id).latest("id")
    assert "kjernesett" in audit.before["sets"] and "kjernesett" not in audit.after["sets"]


def test_only_a_national_editor_changes_the_core_set_and_only_with_a_reason(loaded_core_set, oslo_editor,
                                                                            national_editor):
    indicator = Indicator.objects.get(id="TEST_CORE_TURNOUT")
    with pytest.raises(PermissionDenied):
        edit_core_set(oslo_editor, indicator, "removed", "no")
    with pytest.raises(ValueError, match="reason"):
        edit_core_set(national_editor, indicator, "removed", "   ")
    with pytest.raises(ValueError, match="er allerede i kjernesettet"):
        edit_core_set(national_editor, indicator, "added", "twice")
    assert IndicatorSetChange.objects.count() == len(IDS)


def test_change_membership_writes_nothing_when_membership_does_not_change(loaded_core_set):
    indicator = Indicator.objects.get(id="TEST_CORE_TURNOUT")
    assert change_membership(loaded_core_set, indicator, "added", reason="again") is None
    assert change_membership(loaded_core_set, indicator, "changed", source="x.csv", fields=[]) is None
    with pytest.raises(ValueError):
        change_membership(loaded_core_set, indicator, "removed")
    assert IndicatorSetChange.objects.count() == len(IDS)


# ------------------------------------------------------------------------------------------------------ the page
