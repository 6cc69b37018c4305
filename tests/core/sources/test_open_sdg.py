"""The Open SDG data CSV reader and writer."""

from __future__ import annotations

import io
import math
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lokalagenda.core.observations import COLUMNS, FLAGS, Problem, disaggregation_key, normalise
from lokalagenda.core.sources.open_sdg import OpenSdgError, OpenSdgReader, write_open_sdg
from lokalagenda.core.sources.registry import ReadOptions, reader_for

FIXTURE = Path(__file__).parent / "fixtures" / "open_sdg_indicator_1-2-1.csv"
READER = OpenSdgReader()
OPTIONS = ReadOptions(indicator="1.2.1")


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_realistic_file_with_series_units_sex_and_geocode():
    result = READER.read(FIXTURE, OPTIONS)
    assert [(problem.row, problem.column) for problem in result.problems] == [(10, "GeoCode")]
    assert "'Oslo' is not a kommunenummer" in result.problems[0].message
    table = result.table
    assert list(table.columns) == list(COLUMNS)
    assert table["indicator"].unique().tolist() == ["1.2.1"]
    assert table["place"].tolist() == ["0", "0", "0", "0301", "0301", "03", "1103", "0"]
    assert table["year"].tolist() == [2015] * 5 + [2016] * 3
    assert table["disaggregation"].tolist() == [
        "series=SI_POV_NAHC", "series=SI_POV_NAHC;sex=Female", "age=15-24;series=SI_POV_NAHC;sex=Male",
        "series=SI_POV_NAHC", "series=SI_POV_NAHC;sex=Female", "series=SI_POV_NAHC", "series=SI_POV_NAHC",
        "age=Under 18;series=SI_POV_NAHC_UNDER18",
    ]
    assert table["unit"].tolist() == ["Percent"] * 7 + ["Number"]
    assert table["flag"].tolist() == ["", "estimated", "", "", "provisional", "missing", "suppressed", ""]
    values = table["value"].tolist()
    assert values[:5] == [10.2, 10.8, 9.5, 12.25, 12.5] and values[7] == 12345.0
    assert math.isnan(values[5]) and math.isnan(values[6])
    assert table["source_row"].tolist() == [2, 3, 4, 5, 6, 7, 8, 9]
    assert result.provenance["ignored_columns"] == ["COMMENT_OBS"]


def test_minimal_file_is_national_and_uses_the_unit_option(tmp_path):
    path = write(tmp_path / "indicator_1-1-1.csv", "Year,Group,Value\n2015,A,500\n2015,B,34\n2015,,2\n")
    result = READER.read(path, ReadOptions(indicator="X", unit="persons"))
    assert result.problems == []
    assert result.table[["place", "disaggregation", "unit", "value"]].values.tolist() == [
        ["0", "group=A", "persons", 500.0], ["0", "group=B", "persons", 34.0], ["0", "", "persons", 2.0]]


def test_a_kommune_column_is_a_disaggregation_and_only_geocode_is_the_place(tmp_path):
    path = write(tmp_path / "d.csv", "Year,Kommune,GeoCode,Value\n2020,Oslo,0301,1\n2020,Bergen,,2\n")
    result = READER.read(path, OPTIONS)
    assert result.table[["place", "disaggregation"]].values.tolist() == [["0301", "kommune=Oslo"],
                                                                         ["0", "kommune=Bergen"]]


def test_without_indicator_one_problem_asks_for_it(tmp_path):
    result = READER.read(FIXTURE, ReadOptions())
    assert result.problems[0] == Problem(
        str(FIXTURE), None, None, "an Open SDG file holds one indicator but does not say which: give --indicator "
                                  "(the file name suggests SDG indicator 1.2.1)")
    assert len([problem for problem in result.problems if "--indicator" in problem.message]) == 1
    assert set(result.table["indicator"]) == {""}


def test_latin1_file_is_a_problem_not_an_exception(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("Year,Kjønn,Value\n2020,kvinne,1\n".encode("latin-1"))
    result = READER.read(path, OPTIONS)
    assert result.table.empty
    assert [(problem.row, problem.column) for problem in result.problems] == [(1, None)]
    assert "not UTF-8" in result.problems[0].message


def test_utf8_with_bom_is_read(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes("\ufeffYear,Kjønn,Value\n2020,kvinne,1\n".encode())
    assert READER.read(path, OPTIONS).table["disaggregation"].tolist() == ["kjønn=kvinne"]


@pytest.mark.parametrize(("text", "row", "words"), [
    ("", None, "empty"),
    ("Year,Value\n2020,1\n2021,2,3\n", 3, "not a valid CSV file"),
    ("Year,Sex\n2020,F\n", 1, "missing column(s) of an Open SDG data file: Value"),
    ("Year,Value,Sex,sex\n2020,1,F,F\n", 1, "the column appears twice"),
    ("Year,Value\n2020-Q1,1\n", 2, "only annual data is supported"),
    ("Year,Value\n2020,n/a\n", 2, "'n/a' is not a number"),
])
def test_bad_files(tmp_path, text, row, words):
    result = READER.read(write(tmp_path / "bad.csv", text), OPTIONS)
    assert result.problems and result.problems[-1].row == row and words in result.problems[-1].message


def test_missing_file_is_a_problem(tmp_path):
    assert "cannot read the file" in READER.read(tmp_path / "nothing.csv", OPTIONS).problems[0].message


def test_sniff(tmp_path):
    assert READER.sniff(FIXTURE, FIXTURE.read_bytes())
    assert READER.sniff(FIXTURE, b"\xef\xbb\xbfYear,Value\n")
    assert not READER.sniff(FIXTURE, b"kommunenummer,year,value\n")
    assert not READER.sniff(FIXTURE, b"Kommunenummer,Year,Value\n")
    assert not READER.sniff(FIXTURE, b"")
    assert isinstance(reader_for(FIXTURE, "opensdg"), OpenSdgReader)


# --- writing ------------------------------------------------------------------------------------------------


def test_round_trip_of_the_fixture(tmp_path):
    table = READER.read(FIXTURE, OPTIONS).table
    path = tmp_path / "indicator_1-2-1.csv"
    write_open_sdg(table, path)
    header = path.read_text(encoding="utf-8").splitlines()[0]
    assert header == "Year,Series,Units,age,sex,GeoCode,Observation status,Value"
    again = READER.read(path, OPTIONS)
    assert again.problems == []
    pd.testing.assert_frame_equal(again.table, table.assign(source_row=range(2, len(table) + 2)))


def test_national_table_without_units_or_flags_writes_only_the_needed_columns():
    buffer = io.StringIO()
    write_open_sdg(normalise(pd.DataFrame({"indicator": "X", "place": "0", "year": [2020, 2021],
                                           "value": [1.0, 2.5]})), buffer)
    assert buffer.getvalue() == "Year,Value\n2020,1\n2021,2.5\n"


def test_writing_two_indicators_or_a_reserved_key_is_refused():
    two = normalise(pd.DataFrame({"indicator": ["A", "B"], "place": "0", "year": 2020, "value": 1.0}))
    with pytest.raises(OpenSdgError, match="one indicator"):
        write_open_sdg(two, io.StringIO())
    reserved = normalise(pd.DataFrame({"indicator": "A", "place": "0", "year": [2020], "value": 1.0,
                                       "disaggregation": ["geocode=x"]}))
    with pytest.raises(OpenSdgError, match="geocode"):
        write_open_sdg(reserved, io.StringIO())


TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=8).filter(
    lambda text: text == text.strip() and ";" not in text)
KEYS = st.sampled_from(["sex", "age", "series", "education level", "kjønn"])


@st.composite
def tables(draw: st.DrawFn) -> pd.DataFrame:
    rows = draw(st.lists(st.tuples(
        st.sampled_from(["0", "03", "0301", "1103", "5001"]),
        st.integers(1990, 2030),
        st.dictionaries(KEYS, TEXT, max_size=3),
        st.one_of(st.floats(allow_nan=False, allow_infinity=False, width=64), st.none()),
        st.sampled_from(["", "percent", "persons", "NA"]),
        st.sampled_from(["", *FLAGS]),
    ), min_size=1, max_size=12))
    return normalise(pd.DataFrame({
        "indicator": "1.2.1",
        "place": [row[0] for row in rows],
        "year": [row[1] for row in rows],
        "disaggregation": [disaggregation_key(row[2]) for row in rows],
        "value": [math.nan if row[3] is None else row[3] for row in rows],
        "unit": [row[4] for row in rows],
        # A missing value always carries a flag that says why, as the tidy table requires.
        "flag": [row[5] if row[3] is not None or row[5] in ("suppressed", "missing", "not_applicable")
                 else "missing" for row in rows],
    }))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tables())
def test_round_trip_of_any_table(tmp_path, table):
    path = tmp_path / "round.csv"
    write_open_sdg(table, path)
    result = READER.read(path, OPTIONS)
    assert result.problems == []
    pd.testing.assert_frame_equal(result.table, table)


# --- never raises -------------------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300))
def test_random_bytes_give_problems_never_exceptions(tmp_path, data):
    path = tmp_path / "garbage.csv"
    path.write_bytes(data)
    result = READER.read(path, OPTIONS)
    assert list(result.table.columns) == list(COLUMNS)
    assert all(isinstance(problem, Problem) for problem in result.problems)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(min_value=0), st.binary(max_size=3)), min_size=1, max_size=6))
def test_mutated_files_give_problems_never_exceptions(tmp_path, mutations):
    data = bytearray(FIXTURE.read_bytes())
    for position, replacement in mutations:
        start = position % len(data)
        data[start:start + len(replacement)] = replacement
    path = tmp_path / "mutated.csv"
    path.write_bytes(bytes(data))
    result = READER.read(path, OPTIONS)
    assert list(result.table.columns) == list(COLUMNS)
    assert all(isinstance(problem, Problem) for problem in result.problems)
