"""Open data: the bulk files equal the stored rows, JSON-stat reads back with our reader, licences and provenance
are named, unpublished data stays out, downloads carry validators, and the command writes the same files."""

import csv
import hashlib
import io
import json
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils.http import http_date

from lokalagenda.accounts.models import Organisation
from lokalagenda.core.sources.jsonstat import read_dataset
from lokalagenda.core.sources.registry import ReadOptions
from lokalagenda.indicators.catalogue import create_local_indicator
from lokalagenda.indicators.models import Indicator, Observation
from lokalagenda.indicators.services import import_file
from lokalagenda.measurement.models import GoalResult, IndicatorResult, MeasurementRun, PlaceResult
from lokalagenda.places.models import Kommune
from lokalagenda.reports.opendata.datasets import DATASETS, OBSERVATION_COLUMNS

pytestmark = pytest.mark.django_db

BASE = "/apne-data/"


def _get(client, filename: str, **headers) -> tuple[object, bytes]:
    response = client.get(BASE + filename, **headers)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def _rows(body: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(body.decode("utf-8"))))


def _read_collection(body: bytes) -> list:
    collection = json.loads(body)
    assert collection["version"] == "2.0" and collection["class"] == "collection"
    return collection["link"]["item"]


def _number(text: str) -> float | None:
    return float(text) if text else None


@pytest.fixture
def local_indicator(measured, oslo_editor, tmp_path):
    """Oslo's own indicator with two imported values: a kommune's local data, not published as open data."""
    oslo = Organisation.objects.get(slug="kommune-0301")
    indicator = create_local_indicator(oslo, oslo_editor, targets=["11.6"], name_nb="Sykler til skolen",
                                       unit="percent")
    path = tmp_path / "local.csv"
    path.write_text(f"indicator,place,year,value\n{indicator.id},0301,2023,31.5\n{indicator.id},0301,2024,34\n",
                    encoding="utf-8")
    import_file(path)
    return indicator


def test_observation_csv_equals_every_published_stored_row(measured, client):
    response, body = _get(client, "lokalagenda-observations.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="lokalagenda-observations.csv"'
    assert body.decode("utf-8").splitlines()[0] == ",".join(OBSERVATION_COLUMNS)
    rows = _rows(body)
    stored = Observation.objects.values_list("indicator_id", "place", "year", "disaggregation", "value", "flag")
    assert len(rows) == len(stored) > 7000
    assert {(r["indicator"], r["place"], int(r["year"]), r["disaggregation"], _number(r["value"]), r["flag"])
            for r in rows} == set(stored)
    bergen = next(r for r in rows if r["indicator"] == "VAX_MEASLES_AGE2" and r["place"] == "4601"
                  and r["year"] == "2018")
    assert float(bergen["value"]) == Observation.objects.get(indicator="VAX_MEASLES_AGE2", place="4601",
                                                            year=2018).value


def test_observation_csv_names_the_place_unit_publisher_table_and_real_source_of_each_value(measured, client):
    rows = _rows(_get(client, "lokalagenda-observations.csv")[1])
    indicator = Indicator.objects.get(id="VAX_MEASLES_AGE2")
    bergen = next(r for r in rows if r["indicator"] == indicator.id and r["place"] == "4601")
    assert bergen["place_name"] == Kommune.objects.get(number="4601").name == "Bergen"
    assert bergen["unit"] == indicator.unit and bergen["unit"]
    assert (bergen["publisher"], bergen["table"]) == (indicator.publisher, indicator.table_id)
    assert bergen["publisher"]
    # The source is where the value comes from, not the name of the file it was imported from.
    assert bergen["source"] == indicator.source_url and "scored_values.csv" not in bergen["source"]
    assert all(row["place_name"] for row in rows if len(row["place"]) == 4)
    assert all(row["source"] for row in rows)


def test_observation_jsonstat_reads_back_with_the_projects_reader(measured, client):
    response, body = _get(client, "lokalagenda-observations.json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    datasets = _read_collection(body)
    indicators = sorted(set(Observation.objects.values_list("indicator_id", flat=True)))
    assert [dataset["dimension"]["indicator"]["category"]["index"] for dataset in datasets] == \
        [[indicator] for indicator in indicators]
    read = set()
    for dataset in datasets:
        (indicator,) = dataset["dimension"]["indicator"]["category"]["index"]
        result = read_dataset(dataset, ReadOptions(indicator_by_code={indicator: indicator}))
        assert result.problems == []
        table = result.table[result.table["flag"] != "missing"]
        read |= {(row.indicator, row.place, int(row.year), row.value) for row in table.itertuples()}
        lokalagenda = dataset["extension"]["lokalagenda"]
        assert lokalagenda["licence"] and lokalagenda["sources"][0]["indicator"] == indicator
    stored = Observation.objects.exclude(value=None).values_list("indicator_id", "place", "year", "value")
    assert read == set(stored)


def test_sources_file_names_each_revision_with_its_source_and_licence(measured, client):
    _response, body = _get(client, "lokalagenda-sources.csv")
    rows = _rows(body)
    assert {row["indicator"] for row in rows} == {"VAX_DIPHTHERIA_AGE2", "VAX_HPV_GIRLS_AGE16", "VAX_MEASLES_AGE16",
                                                  "VAX_MEASLES_AGE2"}
    assert all(row["revision"] == "1" and row["source"] == "scored_values.csv" for row in rows)
    assert all(row["licence"] and row["publisher"] for row in rows)


def test_results_csv_equal_the_stored_results_of_the_latest_complete_run(measured, client):
    _response, body = _get(client, "lokalagenda-results-indicators.csv")
    rows = _rows(body)
    stored = IndicatorResult.objects.filter(run=measured)
    assert len(rows) == stored.count() > 1000
    assert {row["run"] for row in rows} == {str(measured.id)}
    bergen = next(r for r in rows if r["indicator"] == "VAX_MEASLES_AGE2" and r["place"] == "4601")
    result = stored.get(indicator="VAX_MEASLES_AGE2", place="4601")
    assert float(bergen["score"]) == result.score and bergen["colour"] == result.colour
    assert bergen["trend"] == result.trend and float(bergen["value"]) == result.value
    goals = _rows(_get(client, "lokalagenda-results-goals.csv")[1])
    assert len(goals) == GoalResult.objects.filter(run=measured).count()
    index = _rows(_get(client, "lokalagenda-results-index.csv")[1])
    assert {row["place"] for row in index} == set(PlaceResult.objects.filter(run=measured)
                                                   .values_list("place", flat=True))


def test_results_jsonstat_reads_back_with_the_projects_reader(measured, client):
    collection = json.loads(_get(client, "lokalagenda-results.json")[1])
    assert collection["extension"]["lokalagenda"]["run"] == measured.id
    assert collection["extension"]["lokalagenda"]["methods"] == measured.methods
    assert collection["extension"]["lokalagenda"]["licence"]["name"] == "CC-BY-4.0"
    tables = {}
    for dataset in collection["link"]["item"]:
        codes = dataset["dimension"]["indicator"]["category"]["index"]
        result = read_dataset(dataset, ReadOptions(indicator_by_code={code: code for code in codes}))
        assert result.problems == []
        for code in codes:
            tables[code] = result.table[result.table["indicator"] == code]
    measles = tables["VAX_MEASLES_AGE2"]
    stored = IndicatorResult.objects.get(run=measured, place="4601", indicator="VAX_MEASLES_AGE2")
    bergen = measles[(measles["place"] == "4601") & (measles["disaggregation"] == "measure=score")
                     & (measles["year"] == stored.year)]
    assert bergen["value"].iloc[0] == pytest.approx(stored.score)
    goal = GoalResult.objects.filter(run=measured, place="4601", score__isnull=False).first()
    goal_rows = tables[f"goal-{goal.goal_id}"]
    score = goal_rows[(goal_rows["place"] == "4601") & (goal_rows["disaggregation"] == "measure=score")]
    assert score["value"].iloc[0] == pytest.approx(goal.score)


def test_local_indicators_of_a_kommune_are_not_published(local_indicator, client):
    assert Observation.objects.filter(indicator=local_indicator).count() == 2
    for filename in ("lokalagenda-observations.csv", "lokalagenda-observations.json", "lokalagenda-sources.csv",
                     "lokalagenda-results-indicators.csv", "lokalagenda-results.json"):
        assert local_indicator.id.encode() not in _get(client, filename)[1], filename


def test_only_the_latest_complete_run_is_published(measured, client):
    MeasurementRun.objects.create(status=MeasurementRun.Status.RUNNING, fingerprint="x", complete=True)
    MeasurementRun.objects.create(status=MeasurementRun.Status.DONE, fingerprint="y", complete=False,
                                  kommuner=" 0301 ")
    rows = _rows(_get(client, "lokalagenda-results-indicators.csv")[1])
    assert {row["run"] for row in rows} == {str(measured.id)}


def test_downloads_have_an_etag_and_answer_304_when_unchanged(measured, client):
    response, _body = _get(client, "lokalagenda-results-goals.csv")
    assert response["ETag"] and response["Last-Modified"]
    again = client.get(BASE + "lokalagenda-results-goals.csv", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    observations, _body = _get(client, "lokalagenda-observations.csv")
    assert observations["ETag"] != response["ETag"]


def test_a_new_code_version_changes_the_etag(measured, client, monkeypatch):
    """A file written by other code (a new column, say) is another file, though the data are the same."""
    from lokalagenda.reports.opendata import datasets

    response, _body = _get(client, "lokalagenda-results-goals.csv")
    monkeypatch.setattr(datasets, "code_version", lambda: "after-an-upgrade")
    again = client.get(BASE + "lokalagenda-results-goals.csv", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 200 and again["ETag"] != response["ETag"]


def test_a_client_that_sends_only_the_date_gets_the_file_written_by_newer_code(measured, client, monkeypatch):
    """``If-Modified-Since`` alone is answered from ``Last-Modified``, which is never older than the code."""
    from lokalagenda.reports.opendata import datasets

    response, _body = _get(client, "lokalagenda-results-goals.csv")
    unchanged = client.get(BASE + "lokalagenda-results-goals.csv", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert unchanged.status_code == 304
    upgraded = datetime.now(UTC) + timedelta(minutes=5)
    monkeypatch.setattr(datasets, "code_modified", lambda: upgraded)
    again = client.get(BASE + "lokalagenda-results-goals.csv", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert again.status_code == 200 and again["Last-Modified"] == http_date(upgraded.timestamp())


def test_unknown_file_is_404(client):
    assert client.get(BASE + "everything.zip").status_code == 404


def test_page_describes_files_licences_and_the_run(measured, client):
    client.cookies["lokalagenda_language"] = "en"
    response = client.get(BASE)
    assert response.status_code == 200
    html = response.content.decode()
    for filename in DATASETS:
        assert f'href="{BASE}{filename}"' in html
    assert "datapackage.json" in html
    assert "Creative Commons Attribution 4.0" in html and "NLOD 2.0" in html and "CC BY 4.0" in html
    assert f"measurement run {measured.id}" in html
    assert all(name in html for name in measured.methods)
    assert "local indicators are not" in html


def test_datapackage_lists_every_file_with_licences_sources_and_schema(measured, client):
    package = json.loads(client.get(BASE + "datapackage.json").content)
    assert package["profile"] == "data-package"
    assert {licence["name"] for licence in package["licenses"]} >= {"CC-BY-4.0"}
    resources = {resource["name"]: resource for resource in package["resources"]}
    assert set(resources) == {dataset.name for dataset in DATASETS.values()}
    observations = resources["observations"]
    assert observations["path"].endswith(BASE + "lokalagenda-observations.csv")
    fields = {field["name"]: field for field in observations["schema"]["fields"]}
    assert list(fields) == list(OBSERVATION_COLUMNS)
    assert fields["place"]["type"] == "string" and all(field["description"] for field in fields.values())
    assert observations["sources"] and all(resource["licenses"] for resource in resources.values())
    assert package["lokalagenda"]["measurement"]["run"] == measured.id


def test_command_writes_the_same_files_and_a_datapackage_with_their_hashes(measured, client, tmp_path):
    out = io.StringIO()
    call_command("export_open_data", out=str(tmp_path / "open"), stdout=out)
    folder = tmp_path / "open"
    assert f"Wrote {len(DATASETS)} files" in out.getvalue()
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        content = (folder / resource["path"]).read_bytes()
        assert resource["bytes"] == len(content)
        assert resource["hash"] == "sha256:" + hashlib.sha256(content).hexdigest()
        if resource["format"] == "csv":
            assert content == _get(client, resource["path"])[1]
    results = json.loads((folder / "lokalagenda-results.json").read_text(encoding="utf-8"))
    assert results["link"]["item"]


def test_command_says_clearly_when_the_folder_cannot_be_made(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(CommandError, match="Cannot create the folder .*a-file"):
        call_command("export_open_data", out=str(blocker))


def test_csv_files_guard_text_that_starts_like_a_formula_and_keep_negative_values(db, client, tmp_path):
    from lokalagenda.indicators.services import prepare_file, store

    Indicator.objects.filter(id="POP_SHARE_0_17").update(unit="+1", publisher="=HYPERLINK(\"http://x\",\"y\")")
    path = tmp_path / "values.csv"
    path.write_text("indicator_id,municipality_code,year,@alder,value\nPOP_SHARE_0_17,0301,2024,=1+1,-2.5\n",
                    encoding="utf-8")
    store(prepare_file(path), source="@SUM(1)")
    rows = [row for row in _rows(_get(client, "lokalagenda-observations.csv")[1])
            if row["indicator"] == "POP_SHARE_0_17"]
    indicator = Indicator.objects.get(id="POP_SHARE_0_17")
    assert rows == [{"indicator": "POP_SHARE_0_17", "place": "0301", "place_name": "Oslo", "year": "2024",
                     "disaggregation": "'@alder==1+1", "value": "-2.5", "unit": "'+1", "flag": "",
                     "publisher": "'=HYPERLINK(\"http://x\",\"y\")", "table": indicator.table_id,
                     "source": indicator.source_url}]
    (source,) = [row for row in _rows(_get(client, "lokalagenda-sources.csv")[1])
                 if row["indicator"] == "POP_SHARE_0_17"]
    assert source["source"] == "'@SUM(1)" and source["publisher"] == "'=HYPERLINK(\"http://x\",\"y\")"


def test_the_index_file_gives_each_places_goals_measured_and_no_index_below_the_rule(measured, client):
    index = {row["place"]: row for row in _rows(_get(client, "lokalagenda-results-index.csv")[1])}
    for stored in PlaceResult.objects.filter(run=measured):
        row = index[stored.place]
        assert row["goals_measured"] == str(stored.goals_measured)
        assert (row["index"] == "") == (stored.goals_measured < 14)
    assert index["4601"]["index"] == ""
    goals = _rows(_get(client, "lokalagenda-results-goals.csv")[1])
    assert {"scored_indicators", "indicators"} <= set(goals[0])
    assert "too_old" in _rows(_get(client, "lokalagenda-results-indicators.csv")[1])[0]


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "Alle publiserte observasjoner: indikator, sted"),
    ("nn", "Alle publiserte observasjonar: indikator, stad"),
])
def test_the_file_descriptions_are_in_the_readers_language(db, client, language, text):
    """Needs the merged translation catalogue (the helpers' PO snippets)."""
    client.cookies["lokalagenda_language"] = language
    html = client.get(BASE).content.decode()
    assert text in html and "Every published observation" not in html


def test_the_datapackage_describes_the_files_in_english_whatever_the_readers_language(db, client):
    client.cookies["lokalagenda_language"] = "nb"
    package = json.loads(client.get(BASE + "datapackage.json").content)
    observations = next(resource for resource in package["resources"] if resource["name"] == "observations")
    assert observations["description"].startswith("Every published observation")
