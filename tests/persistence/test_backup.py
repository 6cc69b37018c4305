"""Backup and restore: a round trip reproduces every row of every table, and bad input is refused clearly."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from lokalagenda.accounts.models import Organisation
from lokalagenda.persistence.backup import (
    EXCLUDED,
    MANIFEST,
    BackupError,
    applied_migrations,
    database_summary,
    delete_all_rows,
    included_models,
    restore_backup,
    write_backup,
)
from lokalagenda.plans.models import Plan
from tests.persistence.population import populate

pytestmark = pytest.mark.django_db

#: Tables the population fills, of every app and every kind of column.
FILLED = ("accounts_organisation", "accounts_membership", "accounts_apitoken", "accounts_auditentry", "auth_user",
          "django_admin_log", "places_kommune", "places_network", "places_networkmembership", "framework_target",
          "framework_targetrelevance_service_areas", "indicators_observation", "indicators_observationchange",
          "indicators_importjob", "connectors_fetchlog", "measurement_measurementrun", "measurement_indicatorresult",
          "measurement_goalresult", "measurement_placeresult", "plans_plan", "plans_action", "plans_plandocument",
          "plans_targetlink", "plans_indicatorlink", "plans_priorities_goals", "practices_practice",
          "practices_searchdocument", "practices_practiceresult", "partnerships_partner",
          "partnerships_partnership_actions")


@pytest.fixture
def populated(oslo_editor: Any, scored_values: Path) -> Any:
    populate(oslo_editor, scored_values)
    return oslo_editor


@pytest.fixture(scope="module")
def reference_backup(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> Path:
    """A backup of the reference data alone, made once for the tests that only need a valid file."""
    path = tmp_path_factory.mktemp("backup") / "reference.zip"
    with django_db_blocker.unblock():
        write_backup(path)
    return path


def _state() -> dict[str, tuple[int, str]]:
    return {table: (summary.rows, summary.checksum) for table, summary in database_summary().items()}


def _rewritten(source: Path, target: Path, members: dict[str, bytes]) -> Path:
    """A copy of a backup with some members replaced."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            new.writestr(item, members.get(item.filename, old.read(item.filename)))
    return target


def _manifest(path: Path) -> dict[str, Any]:
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read(MANIFEST))


def _uploads() -> dict[str, bytes]:
    root = Path(settings.MEDIA_ROOT)
    return {str(path.relative_to(root)): path.read_bytes() for path in root.rglob("*") if path.is_file()}


def test_backup_delete_restore_gives_identical_row_counts_and_checksums_for_every_table(populated, tmp_path):
    before = _state()
    uploads = _uploads()
    path = tmp_path / "lokalagenda.zip"
    report = write_backup(path)
    assert report.rows == sum(rows for rows, _checksum in before.values()) and report.media == len(uploads) == 2
    delete_all_rows()
    shutil.rmtree(settings.MEDIA_ROOT)
    assert all(rows == 0 for rows, _checksum in _state().values())

    restored = restore_backup(path)

    assert _state() == before
    assert restored.rows == report.rows and not restored.replaced
    assert _uploads() == uploads


def test_the_backup_holds_every_table_of_every_app_but_the_sessions(populated, tmp_path):
    path = tmp_path / "lokalagenda.zip"
    write_backup(path)
    manifest = _manifest(path)
    tables = {table["table"]: table for table in manifest["tables"]}
    known = {model._meta.db_table for model in apps.get_models(include_auto_created=True) if model._meta.managed}
    assert set(tables) == known - {"django_session"} and set(EXCLUDED) == {"sessions.session"}
    assert manifest["migrations"] == applied_migrations() and manifest["database_vendor"] == connection.vendor
    assert manifest["format_version"] == 1 and manifest["lokalagenda_version"] and manifest["created_at"]
    assert sorted(name for name in FILLED if tables[name]["rows"] == 0) == []
    assert {column["type"] for column in tables["plans_action"]["columns"]} >= {"DecimalField", "DateField"}


def test_a_restore_puts_parents_before_the_rows_that_point_to_them():
    order = [model._meta.label_lower for model in included_models()]
    assert order.index("places.fylke") < order.index("places.kommune") < order.index("accounts.organisation")
    assert order.index("indicators.datasetrevision") < order.index("indicators.observation")
    assert order.index("contenttypes.contenttype") < order.index("auth.permission")


def test_new_rows_after_a_restore_get_fresh_ids(populated, tmp_path):
    path = tmp_path / "lokalagenda.zip"
    write_backup(path)
    highest = max(Plan.objects.values_list("id", flat=True))
    restore_backup(path, replace=True)
    plan = Plan.objects.create(organisation=Organisation.objects.get(slug="kommune-4601"), kind="temaplan",
                               title="Ny plan", start_year=2026)
    assert plan.id > highest


def test_the_commands_write_and_restore_and_name_what_they_did(populated, tmp_path, capsys):
    path = tmp_path / "lokalagenda.zip"
    call_command("backup", out=path)
    assert f"Wrote {path}" in capsys.readouterr().out
    before = _state()
    with pytest.raises(CommandError, match="exists already"):
        call_command("backup", out=path)
    with pytest.raises(CommandError, match=r"not empty: .*places_kommune \(357 rows\).*--replace"):
        call_command("restore", path)
    call_command("restore", path, replace=True)
    assert "every table's row count and checksum match the backup" in capsys.readouterr().out
    assert _state() == before


def test_a_file_that_is_not_a_backup_is_refused(tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    with pytest.raises(BackupError, match="notes.txt is not a Lokalagenda backup \\(it is not a zip file\\)"):
        restore_backup(text)
    bare = tmp_path / "bare.zip"
    with zipfile.ZipFile(bare, "w") as archive:
        archive.writestr("tables/x.jsonl", "[]\n")
    with pytest.raises(BackupError, match="bare.zip is not a Lokalagenda backup: it has no manifest.json"):
        restore_backup(bare)
    with pytest.raises(BackupError, match="missing.zip: no such file"):
        restore_backup(tmp_path / "missing.zip")


def test_a_backup_with_other_migrations_is_refused_naming_them(reference_backup, tmp_path):
    manifest = _manifest(reference_backup)
    manifest["migrations"]["indicators"].append("0099_from_the_future")
    manifest["migrations"]["places"].remove("0003_networks")
    changed = _rewritten(reference_backup, tmp_path / "other.zip", {MANIFEST: json.dumps(manifest).encode()})
    before = _state()
    with pytest.raises(BackupError) as failure:
        restore_backup(changed, replace=True)
    message = str(failure.value)
    assert "indicators: only in the backup: 0099_from_the_future" in message
    assert "places: only in this database: 0003_networks" in message
    assert _state() == before


def test_a_changed_row_fails_the_checksum_and_nothing_is_restored(reference_backup, tmp_path):
    with zipfile.ZipFile(reference_backup) as archive:
        goals = archive.read("tables/framework_goal.jsonl").decode()
    changed = _rewritten(reference_backup, tmp_path / "changed.zip",
                         {"tables/framework_goal.jsonl": goals.replace("#E5243B", "#000000", 1).encode()})
    Organisation.objects.create(name="Et partnerskap", slug="partner-test", kind="partner")
    before = _state()
    with pytest.raises(BackupError, match=r"differ from the backup, so nothing was restored: framework_goal \(backup"):
        restore_backup(changed, replace=True)
    assert _state() == before
