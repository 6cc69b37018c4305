"""Downloads of stored observations, through the page and the API, read back with the core's readers."""

import io
import math

import pandas as pd
import pytest
from openapi_spec_validator import validate

from lokalagenda.core.observations import normalise
from lokalagenda.core.sources import tabular
from lokalagenda.core.sources.excel import ExcelReader
from lokalagenda.core.sources.jsonstat import read_bytes
from lokalagenda.core.sources.open_sdg import OpenSdgReader
from lokalagenda.core.sources.registry import ReadOptions
from lokalagenda.indicators.exports import ExportQuery, filename, selection
from lokalagenda.indicators.services import import_file

pytestmark = pytest.mark.django_db
VALUES = """indicator_id,municipality_code,year,kjønn,value
POP_TOTAL,0301,2023,,709037
POP_TOTAL,0301,2024,,717710
POP_TOTAL,0301,2024,kvinne,361000
POP_TOTAL,4601,2024,,291940
POP_TOTAL,03,2024,,:
POP_SHARE_0_17,0301,2024,,19.5
"""
KEY = ["indicator", "place", "year", "disaggregation"]


@pytest.fixture
def stored(tmp_path):
    path = tmp_path / "befolkning_Tromsø.csv"
    path.write_text(VALUES, encoding="utf-8")
    import_file(path)
    return path.name


def expected(indicator: str | None = None, place: str | None = None) -> pd.DataFrame:
    rows = pd.DataFrame({
        "indicator": ["POP_SHARE_0_17", "POP_TOTAL", "POP_TOTAL", "POP_TOTAL", "POP_TOTAL", "POP_TOTAL"],
        "place": ["0301", "03", "0301", "0301", "0301", "4601"],
        "year": [2024, 2024, 2023, 2024, 2024, 2024],
        "disaggregation": ["", "", "", "", "kjønn=kvinne", ""],
        "value": [19.5, math.nan, 709037, 717710, 361000, 291940],
        "unit": ["percent", "persons", "persons", "persons", "persons", "persons"],
        "flag": ["", "suppressed", "", "", "", ""],
    })
    keep = (rows["indicator"] == indicator if indicator else True) & (rows["place"] == place if place else True)
    return normalise(rows[keep]).drop(columns="source_row")


def download(client, address, **params):
    response = client.get(address, params)
    assert response.status_code == 200, response.content[:300]
    return response


# --- the service ------------------------------------------------------------------------------------------------


def test_selection_reads_the_stored_rows_with_their_revisions(stored):
    table, provenance = selection(place="0301")
    pd.testing.assert_frame_equal(table.drop(columns=["source_row", "source"]), expected(place="0301"))
    assert set(table["source"]) == {stored}
    assert provenance == [{"indicator": "POP_SHARE_0_17", "revision": 1, "source": stored},
                          {"indicator": "POP_TOTAL", "revision": 1, "source": stored}]
    assert selection("POP_TOTAL", year_from=2024, year_to=2024)[0]["year"].tolist() == [2024] * 4
    assert selection("POP_TOTAL", "9999")[0].empty


def test_file_names_say_what_was_asked_for():
    assert filename(ExportQuery("POP_TOTAL", "0301"), ".csv") == "lokalagenda_POP_TOTAL_0301.csv"
    assert filename(ExportQuery(place="03", year_from=2020), ".json") == "lokalagenda_03_2020-.json"
    assert filename(ExportQuery("A/B ../x", year_from=2020, year_to=2024), ".xlsx") == \
        "lokalagenda_A-B-..-x_2020-2024.xlsx"


# --- each format through the page and the API -------------------------------------------------------------------


@pytest.mark.parametrize("address", ["/indikatorer/eksport/", "/api/export"])
def test_csv_download_reads_back_as_the_stored_table(client, stored, address):
    response = download(client, address, indicator="POP_TOTAL", place="0301", format="csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="lokalagenda_POP_TOTAL_0301.csv"'
    cells = pd.read_csv(io.BytesIO(response.content), dtype=str, keep_default_na=False)
    assert set(cells["source"]) == {stored}
    result = tabular.from_long(cells.drop(columns="source"), "download.csv", ReadOptions())
    assert result.problems == []
    pd.testing.assert_frame_equal(result.table.drop(columns="source_row"),
                                  expected("POP_TOTAL", "0301"))


@pytest.mark.parametrize("address", ["/indikatorer/eksport/", "/api/export"])
def test_xlsx_download_reads_back_as_the_stored_table(client, stored, address, tmp_path):
    response = download(client, address, place="0301", format="xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="lokalagenda_0301.xlsx"'
    path = tmp_path / "download.xlsx"
    path.write_bytes(response.content)
    result = ExcelReader().read(path, ReadOptions())
    assert result.problems == []
    pd.testing.assert_frame_equal(result.table.drop(columns="source_row"), expected(place="0301"))
    assert stored in pd.read_excel(path, sheet_name="sources", dtype=str)["value"][0]


@pytest.mark.parametrize("address", ["/indikatorer/eksport/", "/api/export"])
def test_xlsx_download_has_a_header_row_in_the_readers_language_above_the_column_codes(client, stored, address):
    from django.utils import translation
    from openpyxl import load_workbook

    from lokalagenda.core.observations import COLUMNS
    from lokalagenda.indicators.exports import COLUMN_LABELS

    client.cookies["lokalagenda_language"] = "nb"
    response = download(client, address, place="0301", format="xlsx", language="nb")
    labels, codes = list(load_workbook(io.BytesIO(response.content))["data"].iter_rows(max_row=2, values_only=True))
    assert list(codes) == list(COLUMNS)
    with translation.override("nb"):
        assert list(labels) == [str(COLUMN_LABELS[code]) for code in COLUMNS]


def test_xlsx_header_names_in_bokmal_need_the_merged_catalogue(client, stored):
    """Needs the merged translation catalogue (the helpers' PO snippets)."""
    from openpyxl import load_workbook

    client.cookies["lokalagenda_language"] = "nb"
    response = download(client, "/indikatorer/eksport/", place="0301", format="xlsx")
    labels = next(load_workbook(io.BytesIO(response.content))["data"].iter_rows(max_row=1, values_only=True))
    assert labels[:5] == ("Indikator", "Sted (nummer)", "År", "Inndeling", "Verdi")


@pytest.mark.parametrize("address", ["/indikatorer/eksport/", "/api/export"])
def test_jsonstat_download_reads_back_with_the_stored_values(client, stored, address):
    response = download(client, address, indicator="POP_TOTAL", format="jsonstat")
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="lokalagenda_POP_TOTAL.json"'
    result = read_bytes(response.content, ReadOptions(indicator_by_code={"POP_TOTAL": "POP_TOTAL"}))
    assert result.problems == [] and result.provenance["source"] == stored
    # The cube has a cell for every place, year and sex; those with no stored row come back flagged missing.
    merged = expected("POP_TOTAL").merge(result.table, on=KEY, how="left", suffixes=("", "_read"),
                                         validate="1:1")
    pd.testing.assert_series_equal(merged["value"], merged["value_read"], check_names=False)
    assert merged["flag_read"].tolist() == merged["flag"].tolist()
    assert set(result.table.merge(expected("POP_TOTAL")[KEY], on=KEY, how="left_anti")["flag"]) == {"missing"}


@pytest.mark.parametrize("address", ["/indikatorer/eksport/", "/api/export"])
def test_opensdg_download_of_one_indicator_reads_back(client, stored, address, tmp_path):
    response = download(client, address, indicator="POP_TOTAL", year_from="2024", format="opensdg")
    assert response["Content-Disposition"] == 'attachment; filename="lokalagenda_POP_TOTAL_2024-.csv"'
    path = tmp_path / "indicator.csv"
    path.write_bytes(response.content)
    result = OpenSdgReader().read(path, ReadOptions(indicator="POP_TOTAL"))
    assert result.problems == []
    wanted = expected("POP_TOTAL").query("year == 2024").reset_index(drop=True)
    pd.testing.assert_frame_equal(result.table.drop(columns="source_row"), wanted)


# --- refusals ---------------------------------------------------------------------------------------------------


def test_page_refuses_opensdg_for_two_indicators_and_a_download_without_a_filter(client, stored):
    response = client.get("/indikatorer/eksport/", {"place": "0301", "format": "opensdg"})
    assert response.status_code == 400 and response["Content-Type"].startswith("text/html")
    text = response.content.decode()
    assert "POP_SHARE_0_17, POP_TOTAL" in text and "<h1" in text and "Content-Disposition" not in response
    assert client.get("/indikatorer/eksport/", {"format": "csv"}).status_code == 400
    assert client.get("/indikatorer/eksport/").status_code == 400


def test_page_refuses_unknown_formats_bad_years_and_unknown_indicators(client, stored):
    assert client.get("/indikatorer/eksport/", {"place": "0301", "format": "pdf"}).status_code == 400
    assert client.get("/indikatorer/eksport/", {"place": "0301", "year_from": "20x"}).status_code == 400
    assert client.get("/indikatorer/eksport/", {"place": "0301", "year_from": 2024, "year_to": 2020}).status_code \
        == 400
    assert client.get("/indikatorer/eksport/", {"place": "0301", "year_to": "99999999999"}).status_code == 400
    assert client.get("/indikatorer/eksport/", {"indicator": "NOPE"}).status_code == 404


def test_api_refuses_like_its_observations_endpoint(client, stored):
    two = client.get("/api/export", {"place": "0301", "format": "opensdg"})
    assert two.status_code == 422 and "POP_SHARE_0_17, POP_TOTAL" in two.json()["detail"]
    assert client.get("/api/export").status_code == 422
    assert client.get("/api/export", {"place": "0301", "format": "pdf"}).status_code == 422
    assert client.get("/api/export", {"place": "0301", "year_from": 40000}).status_code == 422
    assert client.get("/api/export", {"indicator": "NOPE"}).status_code == 404


def test_refusal_page_is_translated(client, stored):
    response = client.get("/indikatorer/eksport/")
    assert response.status_code == 400 and "Velg en indikator, et sted eller begge" in response.content.decode()
    client.cookies["lokalagenda_language"] = "en"
    response = client.get("/indikatorer/eksport/")
    assert response.status_code == 400 and "Choose an indicator, a place or both" in response.content.decode()


# --- the indicator page and the OpenAPI document -------------------------------------------------------------------


def test_indicator_page_links_every_download(client, stored):
    page = client.get("/indikatorer/POP_TOTAL/").content.decode()
    for format in ("csv", "xlsx", "jsonstat", "opensdg"):
        assert f"/indikatorer/eksport/?indicator=POP_TOTAL&amp;format={format}" in page


def test_openapi_documents_the_export_and_still_validates(client):
    document = client.get("/api/openapi.json").json()
    validate(document)
    operation = document["paths"]["/api/export"]["get"]
    assert {"text/csv; charset=utf-8", "application/json"} <= set(operation["responses"]["200"]["content"])
    assert {"indicator", "place", "year_from", "year_to", "format"} == {p["name"] for p in operation["parameters"]}


# --- cells a spreadsheet would run as formulas ----------------------------------------------------------------

FORMULA_VALUES = """indicator_id,municipality_code,year,@alder,value
POP_SHARE_0_17,0301,2024,=1+1,-2.5
"""


@pytest.fixture
def formula_like(tmp_path):
    """A stored revision whose source, unit and disaggregation start like spreadsheet formulas; a negative value."""
    from lokalagenda.indicators.models import Indicator
    from lokalagenda.indicators.services import prepare_file, store

    Indicator.objects.filter(id="POP_SHARE_0_17").update(unit="+1")
    path = tmp_path / "values.csv"
    path.write_text(FORMULA_VALUES, encoding="utf-8")
    prepared = prepare_file(path)
    assert prepared.ok, prepared.problems
    store(prepared, source="@SUM(1)")


@pytest.mark.parametrize("address", ["/indikatorer/eksport/", "/api/export"])
def test_csv_download_guards_formula_like_text_and_reads_back_as_stored(client, formula_like, address):
    response = download(client, address, indicator="POP_SHARE_0_17", format="csv")
    cells = pd.read_csv(io.BytesIO(response.content), dtype=str, keep_default_na=False)
    assert cells.to_dict("records") == [{
        "indicator": "POP_SHARE_0_17", "place": "0301", "year": "2024", "disaggregation": "'@alder==1+1",
        "value": "-2.5", "unit": "'+1", "flag": "", "source": "'@SUM(1)"}]
    result = tabular.from_long(cells.drop(columns="source"), "download.csv", ReadOptions())
    assert result.problems == []
    assert result.table[["disaggregation", "value", "unit"]].to_dict("records") == [
        {"disaggregation": "@alder==1+1", "value": -2.5, "unit": "+1"}]


@pytest.mark.parametrize("address", ["/indikatorer/eksport/", "/api/export"])
def test_xlsx_download_writes_formula_like_text_as_guarded_string_cells(client, formula_like, address, tmp_path):
    from openpyxl import load_workbook

    response = download(client, address, indicator="POP_SHARE_0_17", format="xlsx")
    book = load_workbook(io.BytesIO(response.content))
    _labels, header, row = list(book["data"].iter_rows())
    cells = {name.value: cell for name, cell in zip(header, row, strict=True)}
    for name, text in (("disaggregation", "'@alder==1+1"), ("unit", "'+1")):
        assert (cells[name].data_type, cells[name].value) == ("s", text)
    assert (cells["value"].data_type, cells["value"].value) == ("n", -2.5)
    sources = [cell for row in book["sources"].iter_rows() for cell in row]
    assert all(cell.data_type == "s" for cell in sources) and "@SUM(1)" in sources[-1].value


@pytest.mark.parametrize("address", ["/indikatorer/eksport/", "/api/export"])
def test_opensdg_download_guards_formula_like_cells_and_headers(client, formula_like, address):
    response = download(client, address, indicator="POP_SHARE_0_17", format="opensdg")
    assert response.content.decode("utf-8").splitlines() == [
        "Year,Units,'@alder,GeoCode,Value", "2024,'+1,'=1+1,0301,-2.5"]


def test_a_chart_name_registered_again_for_another_provider_is_refused():
    """Every chart's data has one provider; the plain and the visitor-aware ones share one registry of names."""
    from django.core.exceptions import ImproperlyConfigured

    from lokalagenda.indicators.exports import register_chart, register_visitor_chart

    with pytest.raises(ImproperlyConfigured, match="'plan-coverage' is registered twice"):
        register_chart("plan-coverage")(lambda params: None)
    with pytest.raises(ImproperlyConfigured, match="'national' is registered twice"):
        register_visitor_chart("national")(lambda params, visitor: None)
