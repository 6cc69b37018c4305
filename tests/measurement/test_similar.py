"""Similar kommuner on the bundle's real structural values: Bergen's twins are large cities, Utsira's are tiny
kommuner; the ``similar`` command, the twin finder page, and the "similar kommuner" peer group of a run."""

from __future__ import annotations

import csv
import io
import json
import statistics
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from lokalagenda.core.measure import similarity as method
from lokalagenda.indicators.models import Indicator, Observation
from lokalagenda.indicators.services import import_file
from lokalagenda.measurement.chart_data import series_names
from lokalagenda.measurement.comparisons import kommune_indicator
from lokalagenda.measurement.models import IndicatorResult, MeasurementRun, PeerPercentile
from lokalagenda.measurement.similar.service import twins
from lokalagenda.places.models import Kommune
from tests.fixtures import MEASURE_YEAR, _scored_values_file, rolled_back

#: The bundle's structural values from this year on: each kommune's latest values (what the method reads).
SINCE = 2025
LARGE_CITIES = {"0301", "5001", "1103", "3201", "4204"}
INDICATOR = "VAX_MEASLES_AGE2"


def _structural_file(data_dir: Path, folder: Path) -> Path:
    path = folder / "structural.csv"
    with (data_dir / "indicators" / "values.csv").open(encoding="utf-8") as source, path.open("w") as target:
        rows = csv.reader(source)
        writer = csv.writer(target)
        writer.writerow(next(rows))
        writer.writerows(row for row in rows if row[0] in method.KEYS and int(row[2]) >= SINCE)
    return path


@pytest.fixture(scope="module")
def measured_with_structure(django_db_setup: Any, django_db_blocker: Any, data_dir: Path,
                            tmp_path_factory: Any) -> Any:
    """The structural and the scored values imported and one run stored, once for the module (rolled back)."""
    with django_db_blocker.unblock(), rolled_back():
        folder = tmp_path_factory.mktemp("similar")
        import_file(_structural_file(data_dir, folder))
        import_file(_scored_values_file(data_dir, folder))
        call_command("measure", year=MEASURE_YEAR, verbosity=0)
        yield MeasurementRun.objects.get()


@pytest.fixture
def structure(measured_with_structure: Any, db: Any) -> Any:
    return measured_with_structure


def _population() -> dict[str, float]:
    return dict(Observation.objects.filter(indicator_id="POP_TOTAL", year=2026).values_list("place", "value"))


def similar(*options: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("similar", *options, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_bergens_nearest_kommuner_are_other_large_cities(structure):
    population = _population()
    largest = set(sorted(population, key=population.get, reverse=True)[:10])
    nearest = [twin.number for twin in twins("4601").twins]
    assert set(nearest[:5]) <= largest, nearest
    assert len(set(nearest[:5]) & LARGE_CITIES) >= 3, nearest
    assert nearest[0] == "5001"  # Trondheim


def test_a_kommune_of_two_hundred_residents_gets_other_very_small_kommuner(structure):
    population = _population()
    answer = twins("1151")  # Utsira, with no expenditure-need index in the bundle
    assert population["1151"] < 300
    assert answer.missing == ["KMD_EXPENDITURE_NEED_INDEX"] and "1151" not in answer.left_out
    assert len(answer.twins) == method.TOP
    assert all(population[twin.number] < 2000 for twin in answer.twins), [(t.number, t.name) for t in answer.twins]


def test_the_command_answers_json_nearest_first_and_never_the_kommune_itself(structure):
    answer = json.loads(similar("--kommune", "4601", "--top", "4")[0])
    assert list(answer)[:1] == ["kommune"] and answer["kommune"] == "4601"
    assert answer["variables"] == list(method.KEYS) and answer["weights"] == method.default_weights()
    assert [row["name"] for row in answer["similar"]][:2] == ["Trondheim", "Stavanger"]
    assert len(answer["similar"]) == 4 and "4601" not in [row["kommune"] for row in answer["similar"]]
    distances = [row["distance"] for row in answer["similar"]]
    assert distances == sorted(distances) and distances[0] > 0


def test_the_commands_weights_change_the_answer_and_a_zero_weight_drops_the_variable(structure):
    answer = json.loads(similar("--kommune", "4601", "--weight", "KMD_EXPENDITURE_NEED_INDEX=0",
                                "--weight", "POP_DENSITY=3")[0])
    assert "KMD_EXPENDITURE_NEED_INDEX" not in answer["variables"]
    assert answer["weights"]["KMD_EXPENDITURE_NEED_INDEX"] == 0 and answer["weights"]["POP_DENSITY"] == 3
    default = json.loads(similar("--kommune", "4601")[0])
    assert [row["distance"] for row in answer["similar"]] != [row["distance"] for row in default["similar"]]


def test_the_command_as_text_and_the_note_on_a_missing_value(structure):
    out, err = similar("--kommune", "1151", "--format", "text", "--top", "3")
    lines = out.splitlines()
    assert lines[0].startswith("Kommuner most like 1151 Utsira (similar-kommuner/1; POP_TOTAL=2")
    assert len(lines) == 4 and lines[1].split()[:2] == ["1", "1856"]
    assert "1151 has no value for KMD_EXPENDITURE_NEED_INDEX" in err


@pytest.mark.parametrize("options, message", [
    (("--kommune", "9999"), "no kommune has the number '9999'"),
    (("--kommune", "4601", "--weight", "POP_TOTAL"), "--weight: a weight is written VARIABLE=NUMBER"),
    (("--kommune", "4601", "--weight", "AREA=1"), "--weight: unknown variable 'AREA'; the variables are POP_TOTAL"),
    (("--kommune", "4601", "--weight", "POP_TOTAL=-1"), "--weight: the weight of POP_TOTAL must be a number of 0"),
    (("--kommune", "4601", "--top", "0"), "--top must be 1 or more"),
])
def test_the_command_refuses_bad_input_saying_what(structure, options, message):
    with pytest.raises(CommandError, match=message.replace("(", r"\(")):
        similar(*options)


def test_without_structural_data_the_command_says_which_command_loads_it(structure):
    Observation.objects.filter(indicator_id__in=method.KEYS).delete()  # undone with the test's savepoint
    with pytest.raises(CommandError, match=r"no structural data is loaded .* run `lokalagenda import "
                                           r"\$LOKALAGENDA_DATA_DIR/indicators/values.csv`"):
        similar("--kommune", "4601")


def test_the_page_shows_the_twins_their_values_and_a_slider_per_weight(structure, client):
    client.cookies["lokalagenda_language"] = "en"
    response = client.get("/kommune/4601/lignende/")
    html = response.content.decode()
    assert response.status_code == 200 and "Kommuner like Bergen" in html
    assert html.count('type="range"') == len(method.KEYS) and 'method="get"' in html
    assert 'name="POP_TOTAL"' in html and 'value="2"' in html
    assert 'data-kommune="5001"' in html and 'data-kommune="4601"' in html
    assert "How the distance is computed" in html and "similar-kommuner/1" in html
    assert "/sammenlign/?kommune=4601&amp;kommune=5001" in html


def test_the_pages_address_keeps_the_weights(structure, client):
    html = client.get("/kommune/4601/lignende/?KMD_EXPENDITURE_NEED_INDEX=0&POP_DENSITY=3").content.decode()
    assert 'name="KMD_EXPENDITURE_NEED_INDEX" min="0" max="3" step="0.5" value="0"' in html
    assert 'name="POP_DENSITY" min="0" max="3" step="0.5" value="3"' in html


def test_the_page_refuses_a_negative_weight_with_a_message(structure, client):
    client.cookies["lokalagenda_language"] = "en"
    response = client.get("/kommune/4601/lignende/?POP_TOTAL=-1")
    assert response.status_code == 400
    assert "The weight of “Residents” must be 0 or more." in response.content.decode()
    assert client.get("/kommune/9999/lignende/").status_code == 404


def test_the_page_says_what_utsira_lacks(structure, client):
    client.cookies["lokalagenda_language"] = "en"
    html = client.get("/kommune/1151/lignende/").content.decode()
    assert "Utsira has no value for Expenditure need index (KMD); its distances use the other variables." in html


def test_the_kommune_page_links_to_the_twin_finder(structure, client):
    assert 'href="/kommune/4601/lignende/"' in client.get("/kommune/4601/").content.decode()


def test_the_run_stores_each_kommunes_percentile_among_itself_and_its_ten_most_similar(structure):
    run = structure
    row = PeerPercentile.objects.get(run=run, place="4601", indicator=INDICATOR, group_kind="similar")
    members = ["4601", *row.group_name.split()]
    assert row.group_code == "4601" and row.group_name.split() == [twin.number for twin in twins("4601").twins]
    scores = dict(IndicatorResult.objects.filter(run=run, indicator=INDICATOR).values_list("place", "score"))
    group = [scores[number] for number in members if scores.get(number) is not None]
    assert row.group_size == len(group)
    assert row.percentile == pytest.approx(100 * sum(score <= scores["4601"] for score in group) / len(group))
    assert not PeerPercentile.objects.filter(run=run, group_kind="similar", group_code="4601").exclude(
        place="4601").exists()
    assert run.methods["similar_kommuner"]["version"] == method.VERSION
    assert run.methods["similar_kommuner"]["parameters"]["kommuner"] == 357
    assert run.methods["peer_percentiles"]["version"] == "peer-percentile/2"


def test_the_dashboard_shows_the_percentile_among_similar_kommuner(structure, client):
    client.cookies["lokalagenda_language"] = "en"
    html = client.get("/kommune/4601/").content.decode()
    assert "Similar kommuner: " in html
    page = client.get(f"/kommune/4601/indikator/{INDICATOR}/").content.decode()
    assert "of this kommune and the kommuner most like it" in page


def test_new_structural_data_makes_the_next_run_compute_again(structure, tmp_path):
    call_command("measure", year=MEASURE_YEAR, verbosity=0)
    assert MeasurementRun.objects.count() == 1  # nothing changed: reused
    path = tmp_path / "changed.csv"
    path.write_text("indicator_id,municipality_code,year,value\nPOP_TOTAL,1151,2026,5000\n", encoding="utf-8")
    import_file(path)
    out = io.StringIO()
    call_command("measure", year=MEASURE_YEAR, stdout=out)
    assert MeasurementRun.objects.count() == 2
    assert "357 kommuner ranked also among themselves and their 10 most similar kommuner (similar-kommuner/1)." \
        in out.getvalue()


def _stored_twins(run, place: str) -> list[str]:
    row = PeerPercentile.objects.filter(run=run, place=place, group_kind="similar", group_code=place).first()
    return row.group_name.split()


def _medians_by_year(places: list[str]) -> dict[int, float]:
    rows = Observation.objects.filter(indicator_id=INDICATOR, disaggregation="", place__in=places,
                                      value__isnull=False).values_list("year", "value")
    by_year: dict[int, list[float]] = {}
    for year, value in rows:
        by_year.setdefault(year, []).append(value)
    return {year: statistics.median(values) for year, values in by_year.items()}


def test_the_indicator_chart_draws_the_median_of_the_ten_kommuner_the_run_found_most_similar(structure, client):
    client.cookies["lokalagenda_language"] = "en"
    stored = _stored_twins(structure, "4601")
    page = kommune_indicator(Kommune.objects.get(number="4601"), Indicator.objects.get(id=INDICATOR))
    assert page.similar_group is not None and list(page.similar_group.members) == stored and len(stored) == 10
    with translation.override("en"):
        assert series_names(page)["similar"] == "Median of the 10 most similar kommuner"
    expected = _medians_by_year(stored)  # the twins only: Bergen's own value is its own line
    drawn = dict(zip(page.series["year"], page.series["similar"], strict=True))
    assert drawn.keys() == expected.keys() and len(drawn) > 1
    assert [drawn[year] for year in sorted(drawn)] == pytest.approx([expected[year] for year in sorted(drawn)])
    html = client.get(f"/kommune/4601/indikator/{INDICATOR}/").content.decode()
    assert html.count("Median of the 10 most similar kommuner") >= 2  # the chart's legend and the table's column
    assert "Another line is the median of the kommuner the measurement run found most like Bergen." in html


def test_the_similar_median_keeps_the_runs_group_when_the_structural_data_changes_after_it(structure, tmp_path):
    stored = _stored_twins(structure, "4601")
    path = tmp_path / "changed.csv"
    path.write_text("indicator_id,municipality_code,year,value\nPOP_TOTAL,4601,2026,200\n", encoding="utf-8")
    import_file(path)  # Bergen now looks like a village, but no run has seen it yet
    assert [twin.number for twin in twins("4601").twins] != stored
    page = kommune_indicator(Kommune.objects.get(number="4601"), Indicator.objects.get(id=INDICATOR))
    assert page.similar_group is not None and list(page.similar_group.members) == stored


def test_the_series_download_holds_the_similar_median_with_its_label(structure, client):
    client.cookies["lokalagenda_language"] = "en"
    base = f"/diagramdata/kommune-indicator-series.{{format}}?kommune=4601&indikator={INDICATOR}"
    table = pd.read_csv(io.BytesIO(client.get(base.format(format="csv")).content))
    assert list(table.columns) == ["year", "value", "median_size_class", "median_fylke", "median_country",
                                   "median_similar_kommuner", "flag", "source", "licence"]
    expected = _medians_by_year(_stored_twins(structure, "4601"))
    assert table["median_similar_kommuner"].tolist() == pytest.approx([expected.get(year) for year in table["year"]])
    excel = client.get(base.format(format="xlsx")).content
    labels = pd.read_excel(io.BytesIO(excel), sheet_name="data", header=None, nrows=1).iloc[0].tolist()
    assert "Median of the 10 most similar kommuner" in labels
