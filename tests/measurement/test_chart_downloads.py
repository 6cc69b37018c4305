"""The data downloads of the measurement charts: each chart's numbers as CSV and Excel with the source and the
licence in the file, named after what and where; and the page state (``?visning=tabell``) and links to them."""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest
from openpyxl import load_workbook

from lokalagenda.indicators.models import Indicator
from lokalagenda.measurement.comparisons import peer_series
from lokalagenda.measurement.models import GoalResult, IndicatorResult

pytestmark = pytest.mark.django_db

SERIES = "/diagramdata/kommune-indicator-series.{format}?kommune=4601&indikator=VAX_MEASLES_AGE2"


@pytest.fixture
def measured(measured_module, db, client):
    client.cookies["lokalagenda_language"] = "en"
    return measured_module


def _csv(response) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content),
                       dtype={"kommune": str})


def test_series_csv_holds_the_kommune_and_its_peer_medians_with_source_and_licence(measured, client):
    response = client.get(SERIES.format(format="csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="bergen-4601-indikator-VAX_MEASLES_AGE2-utvikling-2018.csv"' in response["Content-Disposition"]
    table = _csv(response)  # pandas reads it with no options: source and licence are columns of every row
    assert list(table.columns) == ["year", "value", "median_size_class", "median_fylke",
                                    "median_country", "flag", "source", "licence"]
    series = peer_series("VAX_MEASLES_AGE2", "4601")
    assert table["year"].tolist() == series["year"].tolist()
    bergen = IndicatorResult.objects.get(run=measured, place="4601", indicator="VAX_MEASLES_AGE2")
    assert table.loc[table["year"] == 2018, "value"].iloc[0] == pytest.approx(bergen.value)
    assert table["median_country"].tolist() == pytest.approx(series["country"].tolist(), nan_ok=True)
    indicator = Indicator.objects.get(id="VAX_MEASLES_AGE2")
    assert table["source"].nunique() == 1 and indicator.publisher in table["source"].iloc[0]
    assert table["licence"].nunique() == 1 and table["licence"].iloc[0].strip()


def test_series_excel_has_labels_above_the_keys_and_a_sources_sheet(measured, client):
    response = client.get(SERIES.format(format="xlsx"))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('bergen-4601-indikator-VAX_MEASLES_AGE2-utvikling-2018.xlsx"')
    content = response.content
    data = pd.read_excel(io.BytesIO(content), sheet_name="data", header=1)
    assert list(data.columns)[:2] == ["year", "value"] and list(data.columns)[-2:] == ["source", "licence"]
    book = load_workbook(io.BytesIO(content), read_only=True)
    labels = [cell.value for cell in next(book["data"].iter_rows(max_row=1))]
    assert labels[:2] == ["Year", "Bergen"] and labels[-2:] == ["Source", "Licence"]
    sources = dict(row for row in book["sources"].iter_rows(min_row=2, values_only=True))
    indicator = Indicator.objects.get(id="VAX_MEASLES_AGE2")
    assert indicator.publisher in sources["source"] and sources["licence"]
    assert sources["page"] == "/kommune/4601/indikator/VAX_MEASLES_AGE2/"
    assert data["source"].iloc[0] == sources["source"] and data["licence"].iloc[0] == sources["licence"]


def test_map_and_distribution_data_hold_every_kommune_of_the_latest_year(measured, client):
    base = "/diagramdata/kommune-indicator-{chart}.csv?kommune=4601&indikator=VAX_MEASLES_AGE2"
    values = _csv(client.get(base.format(chart="map")))
    assert values["year"].unique().tolist() == [2018]
    bergen = IndicatorResult.objects.get(run=measured, place="4601", indicator="VAX_MEASLES_AGE2")
    assert values.loc[values["kommune"] == "4601", "value"].iloc[0] == pytest.approx(bergen.value)
    bins = _csv(client.get(base.format(chart="distribution")))
    assert list(bins.columns) == ["year", "start", "end", "kommuner", "source", "licence"]
    assert bins["kommuner"].sum() == values["value"].notna().sum()


def test_comparison_data_gives_each_goal_of_each_kommune_with_lokalagendas_licence(measured, client):
    response = client.get("/diagramdata/compare.csv?kommune=0301&kommune=4601")
    assert response.status_code == 200
    assert 'filename="sammenligning-oslo-0301-bergen-4601.csv"' in response["Content-Disposition"]
    table = _csv(response)
    assert set(table["kommune"]) == {"0301", "4601"} and len(table) == 2 * 17
    oslo_3 = GoalResult.objects.get(run=measured, place="0301", goal=3)
    row = table[(table["kommune"] == "0301") & (table["goal"] == 3)].iloc[0]
    assert row["score"] == pytest.approx(oslo_3.score, nan_ok=True)
    assert set(table["licence"]) == {"CC BY 4.0"} and table["source"].str.contains("measurement run").all()


def test_national_map_data_gives_every_kommunes_status_for_the_goal(measured, client):
    response = client.get("/diagramdata/national.xlsx?mal=3")
    assert response.status_code == 200
    assert 'filename="alle-kommuner-mal-3.xlsx"' in response["Content-Disposition"]
    data = pd.read_excel(io.BytesIO(response.content), sheet_name="data", header=1, dtype={"kommune": str})
    assert set(data["goal"]) == {3} and "0301" in set(data["kommune"])
    sources = pd.read_excel(io.BytesIO(response.content), sheet_name="sources")
    assert "licence" in set(sources["key"])


@pytest.mark.parametrize("path, status, message", [
    ("/diagramdata/no-such-chart.csv", 404, "There is no chart “no-such-chart” with data to download."),
    ("/diagramdata/compare.pdf?kommune=0301", 400, "There is no download format “pdf”. Choose one of: csv, xlsx."),
    ("/diagramdata/kommune-indicator-series.csv?kommune=9999&indikator=VAX_MEASLES_AGE2", 404,
     "No kommune has the number 9999."),
    ("/diagramdata/kommune-indicator-series.csv?kommune=4601&indikator=NOPE", 404,
     "There is no indicator “NOPE” in the catalogue."),
    ("/diagramdata/compare.csv?kommune=0301&kommune=9999", 404, "No kommune has the number 9999."),
])
def test_a_download_that_cannot_be_made_says_what_is_wrong(measured, client, path, status, message):
    response = client.get(path)
    assert response.status_code == status
    assert message in response.content.decode()


def test_indicator_page_links_each_charts_data_and_a_permalink(measured, client):
    html = client.get("/kommune/4601/indikator/VAX_MEASLES_AGE2/").content.decode()
    for chart in ("series", "map", "distribution"):
        for format in ("csv", "xlsx"):
            assert (f'href="/diagramdata/kommune-indicator-{chart}.{format}?kommune=4601&amp;'
                    'indikator=VAX_MEASLES_AGE2" download') in html
    assert 'data-chart-file="bergen-4601-indikator-VAX_MEASLES_AGE2-utvikling-2018"' in html
    assert re.search(r'<a class="ds-link" href="/kommune/4601/indikator/VAX_MEASLES_AGE2/" data-permalink>'
                     r"Link to this view</a>", html)


def test_visning_tabell_opens_the_charts_tables_from_the_address(measured, client):
    closed = client.get("/kommune/4601/indikator/VAX_MEASLES_AGE2/").content.decode()
    opened = client.get("/kommune/4601/indikator/VAX_MEASLES_AGE2/?visning=tabell").content.decode()
    assert closed.count('data-view-value="tabell">') == 3 and ' open>' not in closed
    assert opened.count('data-view-value="tabell" open>') == 3
    assert 'href="/kommune/4601/indikator/VAX_MEASLES_AGE2/?visning=tabell" data-permalink' in opened
    national = client.get("/nasjonalt/?mal=3&visning=tabell").content.decode()
    assert national.count('data-view-value="tabell" open>') == 1
    assert 'href="/diagramdata/national.csv?mal=3" download' in national


def test_comparison_page_links_its_charts_data(measured, client):
    html = client.get("/sammenlign/?kommune=0301&kommune=4601").content.decode()
    assert 'href="/diagramdata/compare.csv?kommune=0301&amp;kommune=4601" download' in html
    assert 'data-chart-file="sammenligning-oslo-0301-bergen-4601"' in html
