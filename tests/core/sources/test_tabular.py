"""The shared reading of text tables (long and wide) that the CSV and Excel readers build on."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lokalagenda.core.observations import COLUMNS, Problem
from lokalagenda.core.sources import tabular
from lokalagenda.core.sources.registry import ReadOptions

OPTIONS = ReadOptions()


def frame(rows: list[list[str | None]]) -> pd.DataFrame:
    """A frame of text cells; the first row is the header."""
    return pd.DataFrame(rows[1:], columns=rows[0], dtype=object)


def messages(problems: list[Problem]) -> list[tuple[int | None, str | None, str]]:
    return [(problem.row, problem.column, problem.message) for problem in problems]


# --- headers and layout -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("columns", "layout"), [
    (["kommunenummer", "year", "value"], "long"),
    (["Kommunenr", "År", "Verdi", "Kjønn"], "long"),
    (["indicator_id", "municipality_code", "year", "value"], "long"),
    (["Region", "Tid", "verdi"], "long"),
    (["kommunenummer", "2019", "2020"], "wide"),
    (["GeoCode", 2019, 2020.0], "wide"),
    (["kommune", "kommunenavn", "enhet", "2021"], "wide"),
    (["kommunenummer", "kommunenavn"], None),
    (["year", "kommunenummer"], None),
    ([], None),
])
def test_detect_layout(columns, layout):
    assert tabular.detect_layout(columns) == layout


def test_classify_prefers_the_code_column_and_ignores_names():
    columns = tabular.classify(["Kommune", "Kommunenummer", "Kommunenavn", "år", "verdi", "Kjønn", "source_row"])
    assert columns.place == "Kommunenummer"
    assert columns.breakdowns == ("Kjønn",)
    assert set(columns.ignored) == {"Kommune", "Kommunenavn", "source_row"}


# --- cells --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "number"), [
    ("12.5", 12.5), ("12,5", 12.5), ("12 345", 12345.0), ("12\u00a0345", 12345.0), ("12\u202f345", 12345.0),
    ("1 234,5", 1234.5), ("1 234 567,25", 1234567.25), ("-12,5", -12.5), ("\u22123", -3.0), (" 7 ", 7.0),
    ("1e3", 1000.0), ("0", 0.0),
])
def test_parse_numbers_reads_norwegian_and_plain_numbers(text, number):
    values, bad = tabular.parse_numbers(pd.Series([text]))
    assert values.iloc[0] == number
    assert not bad.iloc[0]


@pytest.mark.parametrize(("text", "flag"), [
    ("..", "missing"), ("...", "missing"), (":", "suppressed"), (".", "not_applicable"),
    ("", "missing"), (None, "missing"),
])
def test_statistics_symbols_are_empty_values_with_a_flag(text, flag):
    values, bad = tabular.parse_numbers(pd.Series([text], dtype=object))
    assert math.isnan(values.iloc[0]) and not bad.iloc[0]
    assert tabular.number_flags(pd.Series([text], dtype=object)).tolist() == [flag]


@pytest.mark.parametrize("text", ["-", "\u2212"])
def test_the_nil_symbol_is_a_real_zero(text):
    values, bad = tabular.parse_numbers(pd.Series(["1", text], dtype=object))
    assert values.tolist() == [1.0, 0.0] and not bad.any()
    assert tabular.number_flags(pd.Series([text], dtype=object)).tolist() == [""]


@pytest.mark.parametrize("text", ["12,5x", "abc", "1.234,5", "1,234.5", "12 34", "inf", "nan", "1e999", "12%"])
def test_parse_numbers_marks_text_that_is_not_a_number(text):
    values, bad = tabular.parse_numbers(pd.Series(["1", text, "2"]))
    assert bad.tolist() == [False, True, False]
    assert values.iloc[0] == 1.0 and math.isnan(values.iloc[1]) and values.iloc[2] == 2.0


def test_parse_numbers_keeps_the_index():
    values, bad = tabular.parse_numbers(pd.Series(["1,5", "x"], index=[10, 20]))
    assert list(values.index) == [10, 20] and list(bad.index) == [10, 20]


@pytest.mark.parametrize(("text", "place"), [
    ("0301", "0301"), ("03", "03"), ("0", "0"), ("301", "0301"), ("301.0", "0301"), ("3", "03"),
    ("NO0301", "0301"), ("NO03", "03"), ("NO", "0"), ("K-0301", "0301"), ("0301 Oslo", "0301"),
    ("F-03", "03"), ("Oslo", None), ("NO081", None), ("12345", None), ("", None),
])
def test_parse_place(text, place):
    assert tabular.parse_place(text) == place


@pytest.mark.parametrize(("text", "flag"), [
    ("", ""), ("E", "estimated"), ("estimated", "estimated"), ("Provisional", "provisional"), ("P", "provisional"),
    ("C", "suppressed"), ("M", "missing"), ("B", "break"), ("A", ""), ("foreløpig", "provisional"),
    ("not applicable", "not_applicable"), ("whatever", None),
])
def test_parse_flag(text, flag):
    assert tabular.parse_flag(text) == flag


# --- long ---------------------------------------------------------------------------------------------------


def test_long_table_with_norwegian_headers_and_disaggregations():
    result = tabular.from_long(frame([
        ["Kommunenummer", "Kommunenavn", "År", "Kjønn", "Alder", "Verdi", "Enhet"],
        ["0301", "Oslo", "2021", "kvinne", "0-17", "12,5", "prosent"],
        ["0301", "Oslo", "2021", "", "", "1 234,5", ""],
        ["1103", "Stavanger", "2021", "mann", "", "..", "prosent"],
    ]), "k.csv", ReadOptions(indicator="POP", unit="personer"))
    assert result.problems == []
    table = result.table
    assert list(table.columns) == list(COLUMNS)
    assert table["place"].tolist() == ["0301", "0301", "1103"]
    assert table["disaggregation"].tolist() == ["alder=0-17;kjønn=kvinne", "", "kjønn=mann"]
    assert table["value"].tolist()[:2] == [12.5, 1234.5] and math.isnan(table["value"].iloc[2])
    assert table["flag"].tolist() == ["", "", "missing"]
    assert table["unit"].tolist() == ["prosent", "personer", "prosent"]
    assert table["indicator"].tolist() == ["POP"] * 3
    assert table["source_row"].tolist() == [2, 3, 4]
    assert result.provenance["ignored_columns"] == ["Kommunenavn"]


def test_long_table_keeps_leading_zeros_and_restores_dropped_ones():
    result = tabular.from_long(frame([["kommunenummer", "year", "value"], ["0301", "2020", "1"],
                                      ["301", "2020.0", "2"], ["03", "2020", "3"], ["0", "2020", "4"]]), "f", OPTIONS)
    assert result.table["place"].tolist() == ["0301", "0301", "03", "0"]
    assert result.table["year"].tolist() == [2020] * 4


def test_indicator_column_wins_over_the_option_and_empty_cells_take_it():
    result = tabular.from_long(frame([["indikator", "kommune", "år", "verdi"], ["A", "0301", "2020", "1"],
                                      ["", "0301", "2020", "2"]]), "f", ReadOptions(indicator="B"))
    assert result.table["indicator"].tolist() == ["A", "B"]


def test_flag_column_and_symbols():
    result = tabular.from_long(frame([
        ["kommunenummer", "year", "value", "status"],
        ["0301", "2020", "1", "E"], ["0301", "2021", ":", ""], ["0301", "2022", "", "suppressed"],
        ["0301", "2023", "..", "provisional"], ["0301", "2024", "5", "nonsense"],
    ]), "f", OPTIONS)
    assert result.table["flag"].tolist() == ["estimated", "suppressed", "suppressed", "missing"]
    assert messages(result.problems) == [(6, "status", "unknown flag 'nonsense'; use one of: provisional, estimated, "
                                                       "suppressed, missing, not_applicable, break")]


def test_bad_value_in_row_17_is_reported_as_row_17_with_its_column():
    rows = [["kommunenummer", "år", "verdi"]] + [["0301", str(2000 + i), f"{i},5"] for i in range(20)]
    rows[16][2] = "12,5x"  # the 16th data row: row 17 in a spreadsheet
    result = tabular.from_long(frame(rows), "k.csv", OPTIONS)
    assert messages(result.problems) == [(17, "verdi", "'12,5x' is not a number")]
    assert len(result.table) == 19 and 17 not in result.table["source_row"].tolist()


def test_header_row_shifts_row_numbers():
    result = tabular.from_long(frame([["place", "year", "value"], ["0301", "2020", "x"]]), "f", OPTIONS,
                               header_row=4)
    assert messages(result.problems) == [(5, "value", "'x' is not a number")]


def test_every_bad_cell_is_reported_and_its_row_left_out():
    result = tabular.from_long(frame([
        ["kommunenummer", "year", "value", "kjønn"],
        ["Oslo", "2020", "1", ""],
        ["0301", "2020K1", "1", ""],
        ["0301", "20x0", "1", ""],
        ["", "2020", "1", ""],
        ["0301", "2020", "1", "a;b"],
        [None, None, None, None],
        ["0301", "2021", "1", "kvinne"],
    ]), "f", OPTIONS)
    assert [(row, column) for row, column, _ in messages(result.problems)] == [
        (2, "kommunenummer"), (3, "year"), (4, "year"), (5, "kommunenummer"), (6, "kjønn")]
    assert "only annual data is supported" in result.problems[1].message
    assert result.table["source_row"].tolist() == [8]


def test_canonical_disaggregation_column_merges_with_breakdown_columns():
    result = tabular.from_long(frame([
        ["place", "year", "value", "disaggregation", "Region type"],
        ["0301", "2020", "1", "sex=female;age=0-17", "urban"],
        ["0301", "2020", "2", "", ""],
        ["0301", "2020", "3", "sex", ""],
    ]), "f", OPTIONS)
    assert result.table["disaggregation"].tolist() == ["age=0-17;region type=urban;sex=female", ""]
    assert [problem.row for problem in result.problems] == [4]


def test_missing_and_repeated_columns():
    result = tabular.from_long(frame([["place", "value"], ["0301", "1"]]), "f", OPTIONS)
    assert result.table.empty and result.problems[0].row == 1
    assert "year (one of: year, år, aar, tid)" in result.problems[0].message
    repeated = tabular.from_long(pd.DataFrame([["0301", "2020", "1", "2"]],
                                              columns=["place", "year", "value", "Value"]), "f", OPTIONS)
    assert messages(repeated.problems) == [(1, "Value", "the column appears twice")]


def test_unnamed_column_with_values_is_a_problem_and_an_empty_one_is_ignored():
    result = tabular.from_long(pd.DataFrame([["0301", "2020", "1", None, "x"]],
                                            columns=["place", "year", "value", None, ""]), "f", OPTIONS)
    assert messages(result.problems) == [(1, "column 5", "has values but no header")]
    assert len(result.table) == 1


# --- wide ---------------------------------------------------------------------------------------------------


def test_wide_table():
    result = tabular.from_wide(frame([
        ["kommunenummer", "kommunenavn", "kjønn", "2019", "2020", "2021"],
        ["0301", "Oslo", "", "1", "2,5", ""],
        ["1103", "Stavanger", "kvinne", ":", "12 345", "7"],
    ]), "w.csv", ReadOptions(indicator="POP"))
    assert result.problems == []
    table = result.table
    assert table[["place", "year", "disaggregation", "flag", "source_row"]].values.tolist() == [
        ["0301", 2019, "", "", 2], ["0301", 2020, "", "", 2],
        ["1103", 2019, "kjønn=kvinne", "suppressed", 3], ["1103", 2020, "kjønn=kvinne", "", 3],
        ["1103", 2021, "kjønn=kvinne", "", 3],
    ]
    assert table["value"].fillna(-1).tolist() == [1.0, 2.5, -1, 12345.0, 7.0]


def test_wide_bad_value_in_row_17_names_the_year_column():
    rows = [["kommunenummer", "2020", "2021"]] + [[f"{301 + i:04d}", "1", "2"] for i in range(20)]
    rows[16][2] = "12,5x"
    result = tabular.from_wide(frame(rows), "w.csv", OPTIONS)
    assert messages(result.problems) == [(17, "2021", "'12,5x' is not a number")]
    assert len(result.table) == 39


def test_wide_without_years_or_place():
    assert "no year columns" in tabular.from_wide(frame([["kommunenummer", "x"]]), "w", OPTIONS).problems[0].message
    assert "place" in tabular.from_wide(frame([["x", "2020"]]), "w", OPTIONS).problems[0].message


def test_from_frame_picks_the_layout():
    assert tabular.from_frame(frame([["place", "2020"], ["0301", "1"]]), "f", OPTIONS).provenance["layout"] == "wide"
    assert tabular.from_frame(frame([["x", "y"], ["1", "2"]]), "f", OPTIONS).problems[0].row == 1


# --- never raises -------------------------------------------------------------------------------------------

HEADERS = ["kommunenummer", "kommune", "place", "year", "år", "value", "verdi", "unit", "flag", "indicator",
           "disaggregation", "kjønn", "2020", "2021", "2020.0", "", "source_row"]
CELLS = st.one_of(st.none(), st.text(max_size=12), st.sampled_from(
    ["0301", "301", "NO03", "2020", "2021.0", "12,5", "1 234,5", "..", ":", "-", ".", "E", "x;y", "a=b", "=1"]))


@st.composite
def frames(draw: st.DrawFn) -> pd.DataFrame:
    headers = draw(st.lists(st.one_of(st.sampled_from(HEADERS), st.text(max_size=8)), max_size=7))
    rows = draw(st.lists(st.lists(CELLS, min_size=len(headers), max_size=len(headers)), max_size=8))
    return pd.DataFrame(rows, columns=headers, dtype=object) if headers else pd.DataFrame(index=range(len(rows)))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frames(), st.integers(min_value=0, max_value=5))
def test_random_tables_give_problems_never_exceptions(table, header_row):
    for read in (tabular.from_long, tabular.from_wide, tabular.from_frame):
        result = read(table, "fuzz.csv", ReadOptions(indicator="X"), header_row=header_row)
        assert list(result.table.columns) == list(COLUMNS)
        assert all(isinstance(problem, Problem) for problem in result.problems)


def good_long() -> list[list[str]]:
    return [["kommunenummer", "år", "verdi", "kjønn", "status"]] + [
        [f"{301 + i:04d}", str(2010 + i), f"{i},5", ["", "kvinne", "mann"][i % 3], ""] for i in range(12)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 11), st.integers(0, 4), CELLS), max_size=10))
def test_every_mutated_row_is_read_or_reported(mutations):
    rows = good_long()
    for row, column, cell in mutations:
        rows[row + 1][column] = cell
    result = tabular.from_long(frame(rows), "m.csv", OPTIONS)
    read = set(result.table["source_row"].tolist())
    reported = {problem.row for problem in result.problems}
    for number, cells in enumerate(rows[1:], start=2):
        blank = all(cell is None or not str(cell).strip() for cell in cells)
        assert blank or number in read or number in reported
        assert not (number in read and number in reported)
