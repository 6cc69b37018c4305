"""The roll-up's files say what their colours compare (issue 17): over the real bundle, whose indicators have no
thresholds, every colour is a position among the kommuner, so the Excel, CSV and JSON files name the statuses by
quartile, never by a target, and carry a ``comparison`` column and the legend sentence; colours against a 2030
target keep the target's words."""

import csv
import io
import json
import zipfile

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from lokalagenda.measurement.models import GoalResult, IndicatorResult
from lokalagenda.reports.rollup.build import build_rollup
from lokalagenda.reports.rollup.exports import export_rollup
from tests.colour_words import TARGET_WORDS

pytestmark = pytest.mark.django_db

RELATIVE_LEGEND = "The colour shows the position among the kommuner"
ABSOLUTE_LEGEND = "The colour shows the distance to the 2030 target"


def _header(workbook, sheet: str) -> dict[str, str]:
    """A sheet's column keys (second row) with the reader's names above them (first row)."""
    rows = list(workbook[sheet].iter_rows(max_row=2, values_only=True))
    return dict(zip(rows[1], rows[0], strict=True))


def test_the_excel_file_names_relative_colours_by_quartile_and_says_what_they_compare(measured, tmp_path):
    call_command("rollup", "--format", "xlsx", "--language", "en", "--out", str(tmp_path / "rollup.xlsx"),
                 verbosity=0)
    workbook = load_workbook(tmp_path / "rollup.xlsx")
    for sheet in ("goals", "goals_by_fylke"):
        header = _header(workbook, sheet)
        assert header["green"] == "Green: best quarter of the kommuner"
        assert header["red"] == "Red: weakest quarter of the kommuner" and header["comparison"] == "Compared with"
        assert not any(words in str(name) for name in header.values() for words in TARGET_WORDS)
    readme = {row[0]: row[1:] for row in workbook["README"].iter_rows(values_only=True) if row and row[0]}
    assert readme["comparison"][0] == "relative" and readme["colour_legend"][0].startswith(RELATIVE_LEGEND)
    assert "best quarter of the kommuner" in readme["goals.green"][1]
    assert "relative (the position among the kommuner" in readme["kommune_goals.comparison"][1]
    goals = {row[0]: row for row in workbook["goals"].iter_rows(min_row=3, values_only=True)}
    comparison = list(_header(workbook, "goals")).index("comparison")
    assert goals[3][comparison] == "relative" and not goals[1][comparison]  # goal 1: no kommune coloured


def test_each_kommune_s_row_says_what_its_colour_compares(measured):
    exported = export_rollup(build_rollup(language="en"), "csv", table="kommune_goals")
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8"))))
    coloured = [row for row in rows if row["status"] in ("green", "yellow", "orange", "red")]
    assert coloured and {row["comparison"] for row in coloured} == {"relative"}
    assert {row["comparison"] for row in rows if row not in coloured} == {""}


def test_the_csv_readme_and_json_name_the_comparison(measured):
    rollup = build_rollup(language="en")
    readme = zipfile.ZipFile(io.BytesIO(export_rollup(rollup, "csv").content)).read("README.txt").decode()
    assert "comparison: relative" in readme and f"colour_legend: {RELATIVE_LEGEND}" in readme
    assert "“green: best quarter of the kommuner”" in readme and "target reached" not in readme
    document = json.loads(export_rollup(rollup, "json").content)
    assert document["metadata"]["comparison"] == "relative"
    goal_3 = next(row for row in document["tables"]["goals"]["rows"] if row["goal"] == 3)
    assert goal_3["comparison"] == "relative"


def test_colours_against_the_2030_target_keep_the_target_s_words(measured):
    IndicatorResult.objects.filter(run=measured).update(colour_is_relative=False, distance_score=30.0)
    GoalResult.objects.filter(run=measured).update(distance=70.0)
    rollup = build_rollup(language="en")
    workbook = load_workbook(io.BytesIO(export_rollup(rollup, "xlsx").content))
    assert _header(workbook, "goals")["green"] == "Green: target reached"
    document = json.loads(export_rollup(rollup, "json").content)
    assert document["metadata"]["comparison"] == "absolute"
    assert document["metadata"]["colour_legend"].startswith(ABSOLUTE_LEGEND)
    assert {row["comparison"] for row in document["tables"]["kommune_goals"]["rows"]} == {"absolute", ""}


def test_the_page_names_the_colours_as_the_files_do(measured, client):
    client.cookies["lokalagenda_language"] = "en"
    html = client.get("/nasjonalt/rapport/?mal=3").content.decode()
    assert RELATIVE_LEGEND in html and "green: best quarter of the kommuner" in html
    assert not any(words in html for words in TARGET_WORDS)
