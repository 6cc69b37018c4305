"""The Excel reader (long and wide sheets) and the Excel export."""

from __future__ import annotations

import io
import math
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lokalagenda.core.observations import COLUMNS, Problem, normalise
from lokalagenda.core.sources.excel import ExcelReader, write_excel
from lokalagenda.core.sources.registry import ReadOptions, reader_for

READER = ExcelReader()


def workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def messages(problems: list[Problem]) -> list[tuple[int | None, str | None, str]]:
    return [(problem.row, problem.column, problem.message) for problem in problems]


def test_long_sheet_keeps_leading_zeros_and_reads_decimal_commas(tmp_path):
    path = workbook(tmp_path / "k.xlsx", {"Ark1": [
        ["Kommunenummer", "Kommunenavn", "År", "Kjønn", "Verdi"],
        ["0301", "Oslo", 2021, "kvinne", "12,5"],
        [301, "Oslo", "2022", None, 12.5],
        ["1103", "Stavanger", 2021.0, "", "12 345"],
        ["1103", "Stavanger", 2022, "", "..",],
    ]})
    result = READER.read(path, ReadOptions(indicator="POP", unit="prosent"))
    assert result.problems == []
    table = result.table
    assert list(table.columns) == list(COLUMNS)
    assert table["place"].tolist() == ["0301", "0301", "1103", "1103"]
    assert table["year"].tolist() == [2021, 2022, 2021, 2022]
    assert table["value"].tolist()[:3] == [12.5, 12.5, 12345.0] and math.isnan(table["value"].iloc[3])
    assert table["flag"].tolist() == ["", "", "", "missing"]
    assert table["disaggregation"].tolist() == ["kjønn=kvinne", "", "", ""]
    assert table["unit"].tolist() == ["prosent"] * 4
    assert result.provenance["sheet"] == "Ark1" and result.provenance["layout"] == "long"


def test_wide_sheet_under_a_title(tmp_path):
    path = workbook(tmp_path / "w.xlsx", {"Befolkning": [
        ["Folkemengde 1. januar"],
        [],
        ["Kommunenummer", "Kommunenavn", 2020, "2021"],
        ["0301", "Oslo", 693494, "699 827"],
        ["1103", "Stavanger", ":", None],
    ]})
    result = READER.read(path, ReadOptions(indicator="POP"))
    assert result.problems == []
    assert result.provenance["header_row"] == 3
    assert result.table[["place", "year", "flag", "source_row"]].values.tolist() == [
        ["0301", 2020, "", 4], ["0301", 2021, "", 4], ["1103", 2020, "suppressed", 5]]
    assert result.table["value"].tolist()[:2] == [693494.0, 699827.0]


def test_bad_value_in_row_17_is_reported_with_row_and_column(tmp_path):
    rows: list[list[object]] = [["kommunenummer", "2020", "2021"]]
    rows += [[f"{301 + i:04d}", i, f"{i},5"] for i in range(20)]
    rows[16][2] = "12,5x"
    result = READER.read(workbook(tmp_path / "w.xlsx", {"data": rows}), ReadOptions())
    assert messages(result.problems) == [(17, "2021", "'12,5x' is not a number")]
    assert len(result.table) == 39


def test_bad_value_in_row_17_of_a_long_sheet_below_a_title(tmp_path):
    rows: list[list[object]] = [["Tabell 1"], ["kommune", "år", "verdi"]]
    rows += [["0301", 2000 + i, i] for i in range(20)]
    rows[16][2] = "mye"
    result = READER.read(workbook(tmp_path / "l.xlsx", {"data": rows}), ReadOptions())
    assert messages(result.problems) == [(17, "verdi", "'mye' is not a number")]


def test_sheet_option_and_missing_sheet(tmp_path):
    path = workbook(tmp_path / "s.xlsx", {"Forside": [["Om tabellen"]], "Tall": [["kommune", "2020"], ["0301", 1]]})
    assert READER.read(path, ReadOptions(sheet="Tall")).table["value"].tolist() == [1.0]
    assert READER.read(path, ReadOptions(sheet="tall")).table["value"].tolist() == [1.0]
    missing = READER.read(path, ReadOptions(sheet="Data"))
    assert missing.table.empty
    assert messages(missing.problems) == [
        (None, None, "the workbook has no sheet named 'Data'; its sheets are: Forside, Tall")]
    first = READER.read(path, ReadOptions())
    assert "cannot find a header row" in first.problems[0].message


def test_not_a_workbook_is_a_problem(tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"kommune;2020\n0301;1\n")
    result = READER.read(path, ReadOptions())
    assert result.table.empty and "cannot read the file as an Excel workbook" in result.problems[0].message
    not_excel_zip = tmp_path / "zip.xlsx"
    with zipfile.ZipFile(not_excel_zip, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert READER.read(not_excel_zip, ReadOptions()).problems


def test_sniff_and_registry(tmp_path):
    path = workbook(tmp_path / "k.xlsx", {"a": [["kommune", "2020"]]})
    assert READER.sniff(path, path.read_bytes()[:100])
    assert not READER.sniff(path, b"kommune,2020\n")
    assert isinstance(reader_for(path), ExcelReader)
    assert isinstance(reader_for(path, "xlsx"), ExcelReader)


def sample_table() -> pd.DataFrame:
    return normalise(pd.DataFrame({
        "indicator": ["POP", "POP", "POP", "=SUM(A1)"], "place": ["0301", "03", "0", "1103"],
        "year": [2020, 2020, 2021, 2021], "disaggregation": ["age=0-17;sex=female", "", "sex=male", ""],
        "value": [12.5, math.nan, 0.1 + 0.2, -3.0], "unit": ["persons", "persons", "", "%"],
        "flag": ["", "suppressed", "estimated", ""], "source_row": [2, 3, 4, 5],
    }))


def test_export_reads_back_as_the_same_table(tmp_path):
    table = sample_table()
    path = tmp_path / "export.xlsx"
    write_excel(table, path, {"file": "k.csv", "columns": {"place": "kommune"}, "rows": 4})
    result = READER.read(path, ReadOptions())
    assert result.problems == []
    pd.testing.assert_frame_equal(result.table, table)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["data", "sources"]
    assert book["data"]["B2"].value == "0301" and book["data"]["A5"].data_type == "s"
    assert [[cell.value for cell in row] for row in book["sources"].iter_rows()] == [
        ["key", "value"], ["file", "k.csv"], ["columns", '{"place": "kommune"}'], ["rows", "4"]]


def test_export_with_labels_has_the_readers_names_above_the_codes_and_reads_back(tmp_path):
    table = sample_table()
    labels = {"indicator": "Indikator", "place": "Sted (nummer)", "year": "År", "disaggregation": "Oppdeling",
              "value": "Verdi", "unit": "Enhet", "flag": "Merknad til verdien"}
    path = tmp_path / "labelled.xlsx"
    write_excel(table, path, labels=labels)
    rows = [[cell.value for cell in row] for row in openpyxl.load_workbook(path)["data"].iter_rows(max_row=2)]
    assert rows[0] == [*labels.values(), "source_row"]
    assert rows[1] == list(COLUMNS)
    result = READER.read(path, ReadOptions())
    assert result.problems == [] and result.provenance["header_row"] == 2
    # The rows as the spreadsheet numbers them: the data start in row 3, below the two header rows.
    assert result.table["source_row"].tolist() == [3, 4, 5, 6]
    pd.testing.assert_frame_equal(result.table.drop(columns="source_row"), table.drop(columns="source_row"))


def test_export_without_provenance_has_one_sheet(tmp_path):
    write_excel(sample_table(), tmp_path / "e.xlsx")
    assert openpyxl.load_workbook(tmp_path / "e.xlsx").sheetnames == ["data"]


# --- never raises -------------------------------------------------------------------------------------------

PRINTABLE = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=10)
CELLS = st.one_of(st.none(), PRINTABLE, st.integers(-10**6, 10**6), st.floats(allow_nan=False, allow_infinity=False),
                  st.sampled_from(["0301", "2020", "12,5", "..", ":", "kommunenummer", "år", "verdi", "2021"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(CELLS, max_size=5), max_size=6), st.sampled_from(["long", "wide"]))
def test_random_cells_give_problems_never_exceptions(tmp_path, rows, layout):
    header = ["kommunenummer", "år", "verdi"] if layout == "long" else ["kommunenummer", "2020", "2021"]
    path = workbook(tmp_path / "r.xlsx", {"Ark1": [header, *rows]})
    result = READER.read(path, ReadOptions())
    assert list(result.table.columns) == list(COLUMNS)
    assert all(isinstance(problem, Problem) for problem in result.problems)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400))
def test_random_bytes_give_problems_never_exceptions(tmp_path, data):
    path = tmp_path / "garbage.xlsx"
    path.write_bytes(data)
    result = READER.read(path, ReadOptions())
    assert result.table.empty and result.problems


@pytest.fixture(scope="module")
def valid_workbook() -> bytes:
    buffer = io.BytesIO()
    book = openpyxl.Workbook()
    book.active.append(["kommunenummer", "år", "verdi"])
    book.active.append(["0301", 2020, "12,5"])
    book.save(buffer)
    return buffer.getvalue()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), min_size=1, max_size=8))
def test_damaged_workbooks_give_problems_never_exceptions(tmp_path, valid_workbook, damage):
    data = bytearray(valid_workbook)
    for position, byte in damage:
        data[position % len(data)] = byte
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(bytes(data))
    result = READER.read(path, ReadOptions())
    assert list(result.table.columns) == list(COLUMNS)


# --- zip bombs ------------------------------------------------------------------------------------------------

MEGABYTE = 1024 * 1024
SHEET = "xl/worksheets/sheet1.xml"


def padded_workbook(path: Path, padding_megabytes: int) -> Path:
    """A valid workbook whose sheet XML is padded with spaces: a few hundred kilobytes on disk, hundreds of
    megabytes once unpacked. Written a megabyte at a time, so building it needs no memory to speak of."""
    buffer = io.BytesIO()
    book = openpyxl.Workbook()
    book.active.append(["kommunenummer", "år", "verdi"])
    book.active.append(["0301", 2020, "12,5"])
    book.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename != SHEET:
                target.writestr(item.filename, data)
                continue
            head, tail = data.split(b"<sheetData>", 1)
            with target.open(SHEET, "w", force_zip64=True) as member:
                member.write(head + b"<sheetData>")
                for _ in range(padding_megabytes):
                    member.write(b" " * MEGABYTE)
                member.write(tail)
    return path


def test_a_workbook_that_unpacks_to_hundreds_of_megabytes_is_refused_before_it_is_read(tmp_path):
    path = padded_workbook(tmp_path / "bombe.xlsx", 300)
    assert path.stat().st_size < 2 * MEGABYTE
    result = READER.read(path, ReadOptions())
    assert result.table.empty
    assert messages(result.problems) == [(None, None, "cannot read the file as an Excel workbook (.xlsx): part "
                                                      f"'{SHEET}' unpacks to 300 MB; at most 200 MB are accepted")]
