"""Every export format reads back through the project's readers as the table that was written."""

import io
import json
import math

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lokalagenda.core.errors import LokalagendaError
from lokalagenda.core.exports import CSV_COLUMNS, UnknownExportFormat, export_formats, number_text, writer_for
from lokalagenda.core.observations import FLAGS, disaggregation_key, normalise
from lokalagenda.core.sources import tabular
from lokalagenda.core.sources.excel import ExcelReader
from lokalagenda.core.sources.jsonstat import read_bytes
from lokalagenda.core.sources.jsonstat_writer import (
    MAX_CELLS,
    JsonStatWriteError,
    jsonstat_dataset,
    write_jsonstat,
)
from lokalagenda.core.sources.open_sdg import OpenSdgError, OpenSdgReader
from lokalagenda.core.sources.registry import ReadOptions

PROVENANCE = [{"indicator": "BEF", "revision": 2, "source": "befolkning_Tromsø.csv"},
              {"indicator": "BEF", "revision": 3, "source": "ssb:07459"},
              {"indicator": "ANDEL", "revision": 1, "source": "andel.xlsx"}]


def table(**columns: list) -> pd.DataFrame:
    return normalise(pd.DataFrame(columns))


def sample() -> pd.DataFrame:
    """Two indicators; leading zeros; Norwegian letters; a suppressed and a not-applicable missing value."""
    return table(
        indicator=["ANDEL", "BEF", "BEF", "BEF", "BEF", "BEF"],
        place=["0301", "0", "03", "0301", "0301", "5501"],
        year=[2024, 2023, 2023, 2024, 2024, 2024],
        disaggregation=["", "kjønn=kvinne", "", "alder=0-17;kjønn=mann", "", "kjønn=kvinne"],
        value=[0.1 + 0.2, 2_750_000.0, math.nan, 717_710.0, math.nan, -1.5e-7],
        unit=["prosent", "personer", "personer", "personer", "personer", "personer"],
        flag=["", "", "suppressed", "", "not_applicable", ""],
    )


def written(format: str, data: pd.DataFrame, provenance=PROVENANCE) -> bytes:
    out = io.BytesIO()
    writer_for(format).write(data, provenance, out)
    return out.getvalue()


def without_source_row(data: pd.DataFrame) -> pd.DataFrame:
    return data.drop(columns="source_row")


# --- the registry ---------------------------------------------------------------------------------------------


def test_registry_names_each_format_with_media_type_and_suffix():
    assert export_formats() == ["csv", "xlsx", "jsonstat", "opensdg"]
    assert [(writer_for(name).suffix, writer_for(name).one_indicator) for name in export_formats()] == [
        (".csv", False), (".xlsx", False), (".json", False), (".csv", True)]
    assert writer_for("xlsx").media_type.endswith("spreadsheetml.sheet")
    with pytest.raises(UnknownExportFormat, match="choose one of: csv, xlsx, jsonstat, opensdg"):
        writer_for("pdf")


@pytest.mark.parametrize(("value", "text"), [(717710.0, "717710"), (12.5, "12.5"), (0.1 + 0.2, "0.30000000000000004"),
                                             (-0.0, "-0"), (1e22, "1e+22"), (math.nan, "")])
def test_number_text_is_the_shortest_exact_text(value, text):
    assert number_text(value) == text
    assert text == "" or float(text) == value


# --- CSV --------------------------------------------------------------------------------------------------------


def read_csv_back(data: bytes) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The tidy table of an exported CSV (through the tabular reader), and its text cells."""
    cells = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8")
    # The source column is provenance, not a breakdown: the tabular reader would make it a disaggregation key.
    result = tabular.from_long(cells.drop(columns="source"), "export.csv", ReadOptions())
    assert result.problems == []
    return result.table, cells


def test_csv_reads_back_as_the_same_table_with_leading_zeros_and_norwegian_letters():
    data = written("csv", sample())
    assert data.startswith(b"indicator,place,year,disaggregation,value,unit,flag,source\n")
    text = data.decode("utf-8")
    assert "BEF,03,2023,,,personer,suppressed,befolkning_Tromsø.csv; ssb:07459\n" in text
    assert "BEF,0301,2024,alder=0-17;kjønn=mann,717710,personer,," in text
    again, cells = read_csv_back(data)
    pd.testing.assert_frame_equal(without_source_row(again), without_source_row(sample()))
    assert list(cells.columns) == list(CSV_COLUMNS)
    assert cells["source"].tolist()[0] == "andel.xlsx"


def test_csv_source_column_comes_from_the_table_when_it_has_one():
    data = sample().assign(source=["a.csv", "b.csv", "", "c.csv", "d.csv", "e.csv"])
    _, cells = read_csv_back(written("csv", data))
    assert cells["source"].tolist() == ["a.csv", "b.csv", "", "c.csv", "d.csv", "e.csv"]


def test_csv_with_a_provenance_dict_names_its_file_on_every_row():
    _, cells = read_csv_back(written("csv", sample(), {"file": "kommune.xlsx", "format": "xlsx"}))
    assert set(cells["source"]) == {"kommune.xlsx"}


def test_csv_of_an_empty_selection_is_the_header_only():
    assert written("csv", normalise(pd.DataFrame({"year": [], "value": []})), []) == \
        b"indicator,place,year,disaggregation,value,unit,flag,source\n"


# --- Excel ------------------------------------------------------------------------------------------------------


def test_xlsx_reads_back_as_the_same_table_and_lists_the_sources(tmp_path):
    path = tmp_path / "export.xlsx"
    path.write_bytes(written("xlsx", sample()))
    result = ExcelReader().read(path, ReadOptions())
    assert result.problems == []
    pd.testing.assert_frame_equal(without_source_row(result.table), without_source_row(sample()))
    sources = pd.read_excel(path, sheet_name="sources", dtype=str)
    assert sources["key"].tolist() == ["sources"]
    assert json.loads(sources["value"][0]) == PROVENANCE


# --- Open SDG ---------------------------------------------------------------------------------------------------


def test_opensdg_reads_back_as_the_same_table_of_one_indicator(tmp_path):
    one = sample().query("indicator == 'BEF'").reset_index(drop=True)
    path = tmp_path / "indicator.csv"
    path.write_bytes(written("opensdg", one))
    assert path.read_text(encoding="utf-8").splitlines()[0] == "Year,Units,alder,kjønn,GeoCode,Observation status,Value"
    result = OpenSdgReader().read(path, ReadOptions(indicator="BEF"))
    assert result.problems == []
    pd.testing.assert_frame_equal(without_source_row(result.table), without_source_row(one))


def test_opensdg_of_two_indicators_is_a_domain_error():
    with pytest.raises(OpenSdgError, match="one indicator; the table has 2: ANDEL, BEF") as caught:
        written("opensdg", sample())
    assert isinstance(caught.value, LokalagendaError)


# --- JSON-stat --------------------------------------------------------------------------------------------------

def read_jsonstat_back(data: bytes, indicators: list[str]) -> pd.DataFrame:
    result = read_bytes(data, ReadOptions(indicator_by_code={code: code for code in indicators}))
    assert result.problems == []
    return without_source_row(result.table)


def full_cube() -> pd.DataFrame:
    """One indicator for every place, year and sex: no cell of the cube is left empty."""
    rows = [(place, year, sex) for place in ("0", "03", "0301") for year in (2023, 2024) for sex in ("", "kvinne")]
    values = [float(number) * 1.5 for number in range(len(rows))]
    values[3] = math.nan
    return table(indicator="BEF", place=[r[0] for r in rows], year=[r[1] for r in rows],
                 disaggregation=[disaggregation_key({"kjønn": r[2]}) for r in rows], value=values, unit="personer",
                 flag=["suppressed" if math.isnan(v) else "" for v in values])


def test_jsonstat_of_a_full_cube_reads_back_as_the_same_table():
    data = written("jsonstat", full_cube())
    assert data.decode("utf-8").count("\u00f8") > 0  # written as UTF-8, not as \u escapes
    pd.testing.assert_frame_equal(read_jsonstat_back(data, ["BEF"]), without_source_row(full_cube()))


def test_jsonstat_dataset_shape():
    dataset = jsonstat_dataset(full_cube(), PROVENANCE)
    assert (dataset["version"], dataset["class"]) == ("2.0", "dataset")
    assert dataset["id"] == ["indicator", "place", "year", "kjønn"] and dataset["size"] == [1, 3, 2, 2]
    assert dataset["role"] == {"metric": ["indicator"], "geo": ["place"], "time": ["year"]}
    assert dataset["dimension"]["place"]["category"]["index"] == ["0", "03", "0301"]
    assert dataset["dimension"]["indicator"]["category"]["unit"] == {"BEF": {"label": "personer"}}
    assert dataset["dimension"]["kjønn"]["category"]["index"] == ["", "kvinne"]
    assert dataset["value"][:4] == [0, 1.5, 3, None] and dataset["status"] == {"3": ":"}
    assert dataset["extension"]["lokalagenda"]["sources"] == PROVENANCE
    assert dataset["source"] == "befolkning_Tromsø.csv; ssb:07459; andel.xlsx"


def test_jsonstat_of_a_sparse_table_reads_back_with_the_empty_cells_as_missing():
    data = written("jsonstat", sample())
    again = read_jsonstat_back(data, ["ANDEL", "BEF"])
    key = ["indicator", "place", "year", "disaggregation"]
    merged = again.merge(without_source_row(sample()), on=key, how="left", suffixes=("", "_written"),
                         indicator=True)
    ours = merged[merged["_merge"] == "both"]
    assert len(ours) == len(sample())
    pd.testing.assert_series_equal(ours["value"], ours["value_written"], check_names=False)
    assert (ours["flag"] == ours["flag_written"]).all()
    fillers = merged[merged["_merge"] == "left_only"]
    assert fillers["value"].isna().all() and set(fillers["flag"]) == {"missing"}


def test_jsonstat_key_with_a_single_value_keeps_its_dimension():
    one = table(indicator="BEF", place=["0301", "4601"], year=2024, disaggregation="kjønn=kvinne",
                value=[1.0, 2.0])
    dataset = jsonstat_dataset(one)
    assert dataset["dimension"]["kjønn"]["category"]["index"] == ["", "kvinne"]
    again = read_jsonstat_back(json.dumps(dataset).encode(), ["BEF"])
    assert again.dropna(subset=["value"])["disaggregation"].tolist() == ["kjønn=kvinne", "kjønn=kvinne"]


def test_jsonstat_flags_on_values_are_written_as_sdmx_symbols():
    data = table(indicator="BEF", place="0301", year=[2023, 2024], value=[1.0, 2.0], flag=["estimated", "break"])
    dataset = jsonstat_dataset(data)
    assert dataset["status"] == {"0": "E", "1": "B"}
    assert dataset["extension"]["lokalagenda"]["status"]["P"] == "provisional"


def test_jsonstat_refuses_what_one_dataset_cannot_hold():
    with pytest.raises(JsonStatWriteError, match="BEF have more than one unit"):
        jsonstat_dataset(table(indicator="BEF", place="0", year=[2023, 2024], value=1.0, unit=["a", "b"]))
    with pytest.raises(JsonStatWriteError, match="place clash"):
        jsonstat_dataset(table(indicator="BEF", place="0", year=[2023], value=1.0, disaggregation="place=x"))
    with pytest.raises(JsonStatWriteError, match="two rows"):
        jsonstat_dataset(table(indicator="BEF", place="0", year=[2023, 2023], value=1.0))
    places = [f"{number:04d}" for number in range(101, 101 + MAX_CELLS // 1000 + 1)]
    huge = table(indicator="BEF", place=places, year=[1001 + n % 1000 for n in range(len(places))], value=1.0)
    with pytest.raises(JsonStatWriteError, match="choose fewer"):
        jsonstat_dataset(huge)


def test_jsonstat_of_an_empty_table_is_an_empty_cube():
    out = io.BytesIO()
    write_jsonstat(normalise(pd.DataFrame({"year": [], "value": []})), out)
    dataset = json.loads(out.getvalue())
    assert dataset["size"] == [0, 0, 0] and dataset["value"] == []
    assert read_bytes(out.getvalue()).table.empty


# --- any table --------------------------------------------------------------------------------------------------

TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters=";="), min_size=1,
               max_size=6).filter(lambda text: text == text.strip())
KEYS = st.sampled_from(["kjønn", "alder", "utdanning", "series"])


@st.composite
def tables(draw: st.DrawFn) -> pd.DataFrame:
    keys = draw(st.lists(st.tuples(st.sampled_from(["0", "03", "0301", "1103", "5501"]), st.integers(1990, 2030),
                                   st.dictionaries(KEYS, TEXT, max_size=2)),
                         min_size=1, max_size=10, unique_by=lambda k: (k[0], k[1], disaggregation_key(k[2]))))
    # Excel holds numbers up to about 1e308 (openpyxl reads the largest floats back as infinity).
    values = draw(st.lists(st.one_of(st.floats(min_value=-1e300, max_value=1e300), st.none()),
                           min_size=len(keys), max_size=len(keys)))
    flags = draw(st.lists(st.sampled_from(["", *FLAGS]), min_size=len(keys), max_size=len(keys)))
    return table(indicator="BEF", place=[k[0] for k in keys], year=[k[1] for k in keys],
                 disaggregation=[disaggregation_key(k[2]) for k in keys],
                 value=[math.nan if v is None else v for v in values], unit="personer",
                 flag=[f if v is not None or f in ("suppressed", "missing", "not_applicable") else "missing"
                       for v, f in zip(values, flags, strict=True)])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tables())
def test_csv_and_excel_round_trip_any_table(tmp_path, data):
    again, _ = read_csv_back(written("csv", data))
    pd.testing.assert_frame_equal(without_source_row(again), without_source_row(data))
    path = tmp_path / "any.xlsx"
    path.write_bytes(written("xlsx", data))
    result = ExcelReader().read(path, ReadOptions())
    assert result.problems == []
    pd.testing.assert_frame_equal(without_source_row(result.table), without_source_row(data))


@settings(max_examples=80, deadline=None)
@given(tables())
def test_jsonstat_round_trips_the_values_of_any_table(data):
    again = read_jsonstat_back(written("jsonstat", data), ["BEF"])
    key = ["indicator", "place", "year", "disaggregation"]
    merged = without_source_row(data).merge(again, on=key, how="left", suffixes=("", "_read"), validate="1:1")
    pd.testing.assert_series_equal(merged["value"], merged["value_read"], check_names=False)
    null_flags = merged["flag"].where(merged["value"].isna(), "")
    assert merged["flag_read"].tolist() == null_flags.tolist()
    assert len(again) >= len(data)


# --- cells a spreadsheet would run as formulas ----------------------------------------------------------------


def malicious() -> pd.DataFrame:
    """Text that starts like a formula in every text column an export writes; a negative value."""
    return table(indicator=["-BEF", "-BEF"], place=["0301", "4601"], year=[2024, 2024],
                 disaggregation=["@alder=-5;kjønn=+k", "kjønn==x"], value=[-1.5, math.nan], unit=["+1", "=1+1"],
                 flag=["", "suppressed"])


MALICIOUS_PROVENANCE = [{"indicator": "-BEF", "revision": 1, "source": "@SUM(1)"}]


def test_csv_guards_text_that_starts_like_a_formula_keeps_negative_numbers_and_reads_back_the_same():
    data = written("csv", malicious(), MALICIOUS_PROVENANCE)
    cells = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8")
    assert cells.to_dict("records")[0] == {
        "indicator": "'-BEF", "place": "0301", "year": "2024", "disaggregation": "'@alder=-5;kjønn=+k",
        "value": "-1.5", "unit": "'+1", "flag": "", "source": "'@SUM(1)"}
    assert cells["unit"].tolist()[1] == "'=1+1"
    again, _ = read_csv_back(data)
    pd.testing.assert_frame_equal(without_source_row(again), without_source_row(malicious()))


def test_xlsx_writes_text_that_starts_like_a_formula_as_guarded_string_cells(tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "export.xlsx"
    path.write_bytes(written("xlsx", malicious().assign(unit=["+1", "=HYPERLINK(\"http://x\",\"y\")"]),
                             MALICIOUS_PROVENANCE))
    book = load_workbook(path)
    rows = list(book["data"].iter_rows(min_row=2))
    indicator, _place, _year, disaggregation, value, unit, *_rest = rows[1]
    assert (unit.data_type, unit.value) == ("s", "'=HYPERLINK(\"http://x\",\"y\")")
    assert (indicator.data_type, indicator.value) == ("s", "'-BEF")
    assert rows[0][3].value == "'@alder=-5;kjønn=+k" and disaggregation.value == "kjønn==x"
    assert (rows[0][4].data_type, rows[0][4].value) == ("n", -1.5) and value.value is None
    assert all(cell.data_type != "f" for row in book["data"].iter_rows() for cell in row)
    result = ExcelReader().read(path, ReadOptions())
    assert result.problems == [] and result.table["unit"].tolist() == ["+1", "=HYPERLINK(\"http://x\",\"y\")"]
    assert result.table["indicator"].tolist() == ["-BEF", "-BEF"] and result.table["value"].tolist()[0] == -1.5


def test_opensdg_guards_text_cells_and_headers_and_reads_back_the_same(tmp_path):
    path = tmp_path / "indicator.csv"
    path.write_bytes(written("opensdg", malicious()))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "Year,Units,'@alder,kjønn,GeoCode,Observation status,Value"
    assert lines[1] == "2024,'+1,'-5,'+k,0301,,-1.5"
    assert lines[2] == "2024,'=1+1,,'=x,4601,suppressed,"
    result = OpenSdgReader().read(path, ReadOptions(indicator="-BEF"))
    assert result.problems == []
    pd.testing.assert_frame_equal(without_source_row(result.table), without_source_row(malicious()))
