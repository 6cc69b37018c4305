"""The roll-up's files: the Excel workbook opens and its goal counts equal the kommune dashboards'; the CSV zip,
a single CSV table and the JSON document hold the same tables and the metadata."""

import csv
import io
import json
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from lokalagenda.reports.rollup.build import STATUSES, build_rollup
from lokalagenda.reports.rollup.exports import RollupExportError, export_rollup
from lokalagenda.reports.rollup.tables import rollup_tables
from tests.reports.rollup.test_build import dashboard_sums, stored_run_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def sheet_records(workbook, name):
    """A table sheet's rows by column key: row 1 holds the reader's names, row 2 the keys."""
    rows = list(workbook[name].iter_rows(values_only=True))
    return [dict(zip(rows[1], row, strict=True)) for row in rows[2:]]


def test_the_excel_file_opens_and_its_goal_counts_equal_the_kommune_dashboards(measured):
    exported = export_rollup(build_rollup(language="en"), "xlsx")
    workbook = load_workbook(io.BytesIO(exported.content))
    sums = dashboard_sums()
    goals = sheet_records(workbook, "goals")
    assert [row["goal"] for row in goals] == list(range(1, 18))
    for row in goals:
        for status in STATUSES:
            assert row[status] == sums[(row["goal"], status)], (row["goal"], status)
        assert row["kommuner"] == 357
    by_fylke = sheet_records(workbook, "goals_by_fylke")
    for status in STATUSES:
        assert sum(row[status] for row in by_fylke if row["goal"] == 3) == sums[(3, status)]
    assert exported.filename == f"lokalagenda-rollup-run{measured.pk}.xlsx"


def test_excel_sheets_have_a_bold_frozen_header_numbers_and_a_readme(stored_run):
    rollup = build_rollup(language="en")
    workbook = load_workbook(io.BytesIO(export_rollup(rollup, "xlsx").content))
    assert workbook.sheetnames == ["README", *(table.name for table in rollup_tables(rollup))]
    targets = workbook["targets"]
    assert targets.freeze_panes == "A3" and targets["A1"].font.bold and targets["A1"].value == "Target"
    assert targets["A2"].value == "target"
    assert targets.column_dimensions["C"].width > targets.column_dimensions["B"].width
    goals = workbook["goals"]
    header = [cell.value for cell in goals[2]]
    green = goals.cell(row=3, column=header.index("green") + 1)
    mean = goals.cell(row=3, column=header.index("mean_score") + 1)
    assert green.value == 1 and isinstance(green.value, int) and mean.value == 50.0
    assert mean.number_format == "0.00"
    share = targets.cell(row=3, column=[cell.value for cell in targets[2]].index("share_covering") + 1)
    assert share.number_format == "0.0%"
    readme = {row[0]: row[1] for row in workbook["README"].iter_rows(values_only=True) if row and row[0]}
    assert readme["run_id"] == stored_run.pk and readme["licence"] == "CC BY 4.0"
    assert readme["goals.green"] == "integer" and "Kartverket" in " ".join(
        str(row[1]) for row in workbook["README"].iter_rows(values_only=True) if row and row[0] == "source")


def test_csv_is_a_zip_of_one_file_per_table_with_a_readme(stored_run):
    rollup = build_rollup(language="en")
    exported = export_rollup(rollup, "csv")
    assert exported.content_type == "application/zip" and exported.filename.endswith(".zip")
    archive = zipfile.ZipFile(io.BytesIO(exported.content))
    names = [table.name for table in rollup_tables(rollup)]
    assert sorted(archive.namelist()) == sorted(["README.txt", *(f"{name}.csv" for name in names)])
    goals = list(csv.DictReader(io.StringIO(archive.read("goals.csv").decode("utf-8"))))
    assert goals[0]["goal"] == "1" and goals[0]["green"] == "1" and goals[0]["no_data"] == "355"
    assert goals[1]["mean_score"] == ""
    readme = archive.read("README.txt").decode("utf-8")
    assert f"run_id: {stored_run.pk}" in readme and "targets.csv" in readme and "no_status" in readme


def test_one_table_as_a_plain_csv(stored_run):
    exported = export_rollup(build_rollup(language="en"), "csv", table="kommune_goals")
    assert exported.content_type.startswith("text/csv") and exported.filename.endswith("-kommune_goals.csv")
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8"))))
    assert len(rows) == 357 * 17
    oslo = {row["goal"]: row for row in rows if row["kommune"] == "0301"}
    assert oslo["1"]["status"] == "green" and oslo["3"]["status"] == "no_status" and oslo["2"]["status"] == "no_data"


def test_json_holds_the_metadata_and_every_table(stored_run):
    rollup = build_rollup(language="en")
    document = json.loads(export_rollup(rollup, "json").content)
    assert document["metadata"]["run_id"] == stored_run.pk
    assert document["metadata"]["methods"] == {"sdsn_goal_dashboard": "sdsn-sdg-index/1"}
    assert set(document["tables"]) == {table.name for table in rollup_tables(rollup)}
    goals = document["tables"]["goals"]
    assert [column["name"] for column in goals["columns"]][:3] == ["goal", "goal_name", "green"]
    # a hand-made run without indicator results: what its colours compare is not known, so not named
    assert goals["rows"][0] == {"goal": 1, "goal_name": "No poverty", "green": 1, "yellow": 0, "orange": 0,
                                "red": 1, "no_status": 0, "no_data": 355, "comparison": "", "kommuner": 357,
                                "mean_score": 50.0}
    assert document["metadata"]["comparison"] == "none" and document["metadata"]["colour_legend"] == ""
    assert len(document["tables"]["targets"]["rows"]) == 169
    assert any("Kartverket" in source for source in document["sources"])


def test_unknown_format_or_table_names_the_choices(stored_run):
    rollup = build_rollup(language="en")
    with pytest.raises(RollupExportError, match="choose one of: xlsx, csv, json"):
        export_rollup(rollup, "pdf")
    with pytest.raises(RollupExportError, match="no table “goal”; choose one of: goals"):
        export_rollup(rollup, "csv", table="goal")


@pytest.fixture
def formula_like_texts(stored_run):
    """A network whose name and a target whose corrected bokmål text start like spreadsheet formulas."""
    from lokalagenda.framework.models import Target
    from lokalagenda.places.models import Network, NetworkMembership

    network = Network.objects.create(slug="formel", name="=1+1", kind="thematic")
    NetworkMembership.objects.create(network=network, kommune_id="0301", joined_year=2020)
    Target.objects.filter(code="1.1").update(title_nb_corrected="=HYPERLINK(\"http://x\",\"y\")")


def test_excel_download_writes_formula_like_names_and_target_texts_as_guarded_text(client, formula_like_texts):
    workbook = load_workbook(io.BytesIO(client.get(reverse("rollup:download", args=["xlsx"])).content))
    network = [row for row in workbook["goals_by_network"].iter_rows(min_row=3) if row[0].value == "formel"]
    assert network and all((row[1].data_type, row[1].value) == ("s", "'=1+1") for row in network)
    target = next(row for row in workbook["targets"].iter_rows(min_row=3) if row[0].value == "1.1")
    assert (target[2].data_type, target[2].value) == ("s", "'=HYPERLINK(\"http://x\",\"y\")")
    assert target[1].data_type == "n" and target[1].value == 1
    assert not [cell for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]


def test_csv_download_guards_formula_like_names_and_target_texts(client, formula_like_texts):
    archive = zipfile.ZipFile(io.BytesIO(client.get(reverse("rollup:download", args=["csv"])).content))
    networks = list(csv.DictReader(io.StringIO(archive.read("goals_by_network.csv").decode("utf-8"))))
    assert {row["group_name"] for row in networks if row["group"] == "formel"} == {"'=1+1"}
    targets = list(csv.DictReader(io.StringIO(archive.read("targets.csv").decode("utf-8"))))
    target = next(row for row in targets if row["target"] == "1.1")
    assert target["title"] == "'=HYPERLINK(\"http://x\",\"y\")" and target["goal"] == "1"
