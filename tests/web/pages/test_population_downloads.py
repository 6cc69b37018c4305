"""The population charts of the kommune and fylke pages offer their numbers as CSV and Excel, with SSB table 07459
as the source and Statistics Norway's licence in the file, named after the place."""

import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from lokalagenda.places.models import FylkePopulation, KommunePopulation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["lokalagenda_language"] = "en"


def test_the_kommune_pages_population_chart_links_its_data(client):
    html = client.get("/kommune/4601/").content.decode()
    assert 'href="/diagramdata/kommune-population.csv?kommune=4601" download' in html
    assert 'href="/diagramdata/kommune-population.xlsx?kommune=4601" download' in html
    assert 'data-chart-file="bergen-4601-folketall"' in html


def test_the_kommune_population_csv_holds_every_stored_year_with_ssbs_table_and_licence(client):
    response = client.get("/diagramdata/kommune-population.csv?kommune=4601")
    assert response.status_code == 200
    assert 'filename="bergen-4601-folketall.csv"' in response["Content-Disposition"]
    table = pd.read_csv(io.BytesIO(response.content))
    assert list(table.columns) == ["year", "population", "source", "licence"]
    stored = list(KommunePopulation.objects.filter(kommune="4601").order_by("year").values_list("year", "total"))
    assert list(table[["year", "population"]].itertuples(index=False, name=None)) == stored
    assert table["source"].str.contains("07459").all() and set(table["licence"]) == {"CC BY 4.0"}


def test_the_fylke_pages_population_chart_links_an_excel_file_with_its_sources_sheet(client):
    html = client.get("/fylke/46/").content.decode()
    assert 'href="/diagramdata/fylke-population.xlsx?fylke=46" download' in html
    response = client.get("/diagramdata/fylke-population.xlsx?fylke=46")
    assert response.status_code == 200 and 'filename="vestland-46-folketall.xlsx"' in response["Content-Disposition"]
    data = pd.read_excel(io.BytesIO(response.content), sheet_name="data", header=1)
    assert data["population"].tolist() == list(FylkePopulation.objects.filter(fylke="46").order_by("year")
                                               .values_list("total", flat=True))
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    sources = dict(row for row in book["sources"].iter_rows(min_row=2, values_only=True))
    assert sources["page"] == "/fylke/46/" and "07459" in sources["source"] and sources["licence"] == "CC BY 4.0"
    assert sources["title"] == "Population 1 January – Vestland"


@pytest.mark.parametrize("path, message", [
    ("/diagramdata/kommune-population.csv?kommune=9999", "No kommune has the number 9999."),
    ("/diagramdata/fylke-population.csv?fylke=99", "No fylke has the number 99."),
    ("/diagramdata/fylke-population.csv", "No fylke has the number –."),
])
def test_a_population_download_of_no_place_says_which_number_is_unknown(client, path, message):
    response = client.get(path)
    assert response.status_code == 404 and message in response.content.decode()
