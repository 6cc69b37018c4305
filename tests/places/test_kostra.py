"""KOSTRA groups of kommuner: loading a Klass correspondence (hand-made fixture) all or nothing, and reading the
group a kommune had in a year."""

import json
import socket
from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lokalagenda.accounts.models import AuditEntry
from lokalagenda.places.kostra import kostra_group_of, kostra_groups_as_of
from lokalagenda.places.models import KostraGroup, KostraGroupMembership

pytestmark = pytest.mark.django_db

HANDMADE = Path(__file__).resolve().parent / "fixtures" / "klass_112_131_handmade.json"


def _load(*args: str) -> str:
    out = StringIO()
    call_command("load_kostra_groups", *args, stdout=out)
    return out.getvalue()


def _write(tmp_path: Path, items: list[dict[str, Any]], name: str = "klass.json",
           key: str = "correspondenceItems") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps({key: items}), encoding="utf-8")
    return path


def _item(kommune: str, group: str, valid_from: str = "2024-01-01", valid_to: str | None = None) -> dict[str, Any]:
    return {"sourceCode": group, "sourceName": f"Gruppe {group}", "targetCode": kommune, "targetName": kommune,
            "validFrom": valid_from, "validTo": valid_to}


def test_loading_the_handmade_correspondence_stores_groups_and_memberships():
    output = _load("--file", str(HANDMADE))
    assert "7 membership(s) added, 0 changed, 0 already stored" in output
    assert "New KOSTRA groups: EKG01, EKG12, EKG13." in output
    oslo = KostraGroupMembership.objects.select_related("group").get(kommune="0301")
    assert oslo.group.code == "EKG13" and oslo.valid_from == date(2024, 1, 1) and oslo.valid_to is None
    assert oslo.source.endswith("klass_112_131_handmade.json")
    assert KostraGroup.objects.get(code="EKG12").memberships.count() == 4
    assert AuditEntry.objects.filter(model="places.KostraGroupMembership", action="create").count() == 7


def test_loading_the_same_correspondence_again_changes_nothing():
    _load("--file", str(HANDMADE))
    assert "0 membership(s) added, 0 changed, 7 already stored" in _load("--file", str(HANDMADE))
    assert KostraGroupMembership.objects.count() == 7


def test_unknown_and_earlier_kommunenummer_are_reported_and_nothing_is_stored(tmp_path):
    path = _write(tmp_path, [_item("4601", "EKG12"), _item("9999", "EKG12"), _item("1201", "EKG12")])
    with pytest.raises(CommandError) as raised:
        _load("--file", str(path))
    text = str(raised.value)
    assert "2 problem(s); nothing was loaded" in text
    assert "klass.json, row 1, column 'targetCode': 9999 is not a kommune of today's structure" in text
    assert "row 2, column 'targetCode': 1201 is an earlier kommunenummer; today it is part of 4601" in text
    assert not KostraGroupMembership.objects.exists() and not KostraGroup.objects.exists()


def test_a_different_group_for_a_stored_version_is_refused_unless_replace(tmp_path):
    _load("--file", str(HANDMADE))
    path = _write(tmp_path, [_item("4601", "EKG13"), _item("5001", "EKG12")])
    with pytest.raises(CommandError, match=r"row 0, column 'sourceCode': 4601 is stored in EKG12 from 2024-01-01, "
                                           r"not EKG13; use --replace"):
        _load("--file", str(path))
    assert not KostraGroupMembership.objects.filter(kommune="5001").exists()
    output = _load("--file", str(path), "--replace")
    assert "Changed 4601 from 2024-01-01: EKG12 until open-ended → EKG13 until open-ended." in output
    assert "1 membership(s) added, 1 changed" in output
    assert KostraGroupMembership.objects.get(kommune="4601").group_id == "EKG13"
    entry = AuditEntry.objects.get(model="places.KostraGroupMembership", action="update")
    assert entry.before["group"] == "EKG12" and entry.after["group"] == "EKG13"


def test_a_new_version_is_stored_beside_the_old_one(tmp_path):
    _load("--file", str(HANDMADE))
    path = _write(tmp_path, [_item("4601", "EKG13", valid_from="2026-01-01")])
    assert "1 membership(s) added" in _load("--file", str(path))
    assert KostraGroupMembership.objects.filter(kommune="4601").count() == 2


def test_the_group_in_a_year_is_the_version_in_force_else_the_nearest(tmp_path):
    path = _write(tmp_path, [_item("4601", "EKG11", "2020-01-01", "2024-01-01"), _item("4601", "EKG12"),
                             _item("0301", "EKG13")])
    _load("--file", str(path))
    assert kostra_group_of("4601", 2021).group_id == "EKG11"
    assert kostra_group_of("4601", 2024).group_id == "EKG12"
    assert kostra_group_of("4601", 2030).group_id == "EKG12"
    assert kostra_group_of("4601", 2016).group_id == "EKG11"
    assert kostra_group_of("0301", 2018).group_id == "EKG13"
    assert kostra_group_of("5001", 2024) is None
    assert set(kostra_groups_as_of(2024)) == {"4601", "0301"}


def test_a_correspondence_table_needs_the_date_it_applies_from(tmp_path):
    maps = [{"sourceCode": "EKG12", "sourceName": "Gruppe 12", "targetCode": "4601", "targetName": "Bergen"}]
    path = _write(tmp_path, maps, name="table_1358.json", key="correspondenceMaps")
    with pytest.raises(CommandError, match=r"table_1358.json, row 0, column 'validFrom': is missing"):
        _load("--file", str(path))
    _load("--file", str(path), "--date", "2024-01-01")
    assert KostraGroupMembership.objects.get(kommune="4601").valid_from == date(2024, 1, 1)


def test_a_missing_file_or_a_bad_date_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        _load("--file", str(tmp_path / "missing.json"))
    with pytest.raises(CommandError, match="--date '2024-13-01' is not a date"):
        _load("--file", str(HANDMADE), "--date", "2024-13-01")


def test_file_or_fetch_is_required():
    with pytest.raises(CommandError, match="one of the arguments --file --fetch is required"):
        _load()


def test_fetch_without_internet_says_so_and_stores_nothing(monkeypatch):
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise OSError("network access in a test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    with pytest.raises(CommandError, match=r"could not read https://data\.ssb\.no/api/klass/v1/classifications/112/"
                                           r"correspondsAt\?targetClassificationId=131&date=2024-01-01.*--file"):
        _load("--fetch", "--date", "2024-01-01")
    assert not KostraGroupMembership.objects.exists()


@pytest.mark.network
def test_fetch_from_klass_puts_oslo_and_bergen_in_their_groups():
    _load("--fetch", "--date", "2024-01-01")
    assert kostra_group_of("0301", 2024).group_id == "EKG13"
    assert kostra_group_of("4601", 2024).group_id == "EKG12"
