"""``lokalagenda rollup --format xlsx|csv|json --out FILE``: writes the file, and fails clearly without a run."""

import io
import json
import zipfile

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from tests.reports.rollup.test_build import stored_run_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def test_the_command_writes_excel_csv_and_json(stored_run, tmp_path):
    out = io.StringIO()
    call_command("rollup", "--format", "xlsx", "--out", str(tmp_path / "rollup.xlsx"), stdout=out)
    assert f"run {stored_run.pk}" in out.getvalue() and "357 kommuner" in out.getvalue()
    assert load_workbook(tmp_path / "rollup.xlsx")["goals"]["C3"].value == 1
    call_command("rollup", "--format", "csv", "--out", str(tmp_path / "rollup.zip"), verbosity=0)
    assert "goals.csv" in zipfile.ZipFile(tmp_path / "rollup.zip").namelist()
    call_command("rollup", "--format", "json", "--out", str(tmp_path / "rollup.json"), "--language", "en",
                 verbosity=0)
    document = json.loads((tmp_path / "rollup.json").read_text(encoding="utf-8"))
    assert document["tables"]["goals"]["rows"][0]["goal_name"] == "No poverty"


def test_the_command_writes_one_table_and_reports_progress_at_verbosity_2(stored_run, tmp_path):
    out = io.StringIO()
    call_command("rollup", "--format", "csv", "--table", "targets", "--out", str(tmp_path / "targets.csv"),
                 verbosity=2, stdout=out)
    assert (tmp_path / "targets.csv").read_text(encoding="utf-8").startswith("target,goal,title,")
    assert "[1/" in out.getvalue() and "coverage of the 169 targets" in out.getvalue()


def test_without_a_complete_run_the_command_says_to_measure_first(db, tmp_path):
    with pytest.raises(CommandError, match="run `lokalagenda measure` first"):
        call_command("rollup", "--format", "xlsx", "--out", str(tmp_path / "rollup.xlsx"))
    assert not (tmp_path / "rollup.xlsx").exists()


def test_bad_arguments_are_refused_with_what_and_where(stored_run, tmp_path):
    with pytest.raises(CommandError, match="no table “nope”; choose one of"):
        call_command("rollup", "--format", "csv", "--table", "nope", "--out", str(tmp_path / "x.csv"))
    with pytest.raises(CommandError, match="does not exist"):
        call_command("rollup", "--format", "json", "--out", str(tmp_path / "missing" / "x.json"))
    with pytest.raises(CommandError, match="invalid choice: 'pdf'"):
        call_command("rollup", "--format", "pdf", "--out", str(tmp_path / "x.pdf"))
