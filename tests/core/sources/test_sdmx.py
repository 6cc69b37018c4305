"""The SDMX reader, on hand-made SDMX-ML 2.1 generic data and SDMX-JSON 1.0 messages."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from lokalagenda.core.observations import COLUMNS
from lokalagenda.core.sources.registry import ReadOptions, reader_for
from lokalagenda.core.sources.sdmx import SdmxReader, from_observations

FIXTURES = Path(__file__).parent / "fixtures"
GENERIC = FIXTURES / "sdmx_generic.xml"
JSON = FIXTURES / "sdmx_data.json"
READER = SdmxReader()


def test_generic_data_message():
    result = READER.read(GENERIC, ReadOptions(indicator_by_code={"SI_POV_DAY1": "POVERTY"}))
    table = result.table
    assert list(table.columns) == list(COLUMNS)
    assert table[["indicator", "place", "year", "disaggregation", "unit", "flag", "source_row"]].values.tolist() == [
        ["POVERTY", "0301", 2020, "sex=F", "PT", "estimated", 1],
        ["POVERTY", "0301", 2021, "sex=F", "PT", "", 2],
        ["POVERTY", "0301", 2022, "sex=F", "PT", "suppressed", 3],
        ["POVERTY", "0", 2020, "", "PT", "provisional", 4],
        ["POVERTY", "0", 2021, "", "PT", "break", 5],
        ["POVERTY", "03", 2021, "sex=M", "NUMBER", "", 6],
    ]
    values = table["value"].tolist()
    assert values[:2] == [12.5, 13.0] and math.isnan(values[2]) and values[3:] == [11.0, 11.5, 1500.0]
    assert [(problem.row, problem.column) for problem in result.problems] == [(7, "TIME_PERIOD")]
    assert "only annual data is supported" in result.problems[0].message
    assert result.provenance["format"] == "sdmx"
    assert result.provenance["dimensions"] == ["TIME_PERIOD", "FREQ", "SERIES", "REF_AREA", "SEX"]


def test_structure_specific_message_without_its_structure():
    result = READER.read(FIXTURES / "sdmx_structure_specific.xml", ReadOptions(indicator="MORTALITY"))
    assert result.problems == []
    assert result.table[["indicator", "place", "year", "disaggregation", "value", "unit", "flag"]].values.tolist() == [
        ["MORTALITY", "4601", 2019, "age=Y0T4", 2.1, "PER_100000_LIVE_BIRTHS", "estimated"],
        ["MORTALITY", "4601", 2020, "age=Y0T4", 1.9, "PER_100000_LIVE_BIRTHS", ""],
    ]


def test_one_series_takes_the_indicator_option():
    result = READER.read(GENERIC, ReadOptions(indicator="POV", unit="ignored"))
    assert set(result.table["indicator"]) == {"POV"}
    assert result.table["unit"].tolist()[0] == "PT"


def test_one_series_without_any_option_leaves_the_indicator_empty():
    result = READER.read(GENERIC, ReadOptions())
    assert set(result.table["indicator"]) == {""}
    assert [problem.column for problem in result.problems] == ["TIME_PERIOD"]


def test_sdmx_json_message():
    result = READER.read(JSON, ReadOptions(indicator_by_code={"POP": "POP_TOTAL", "POP_SHARE": "POP_SHARE"}))
    assert result.problems == []
    assert result.table[["indicator", "place", "year", "disaggregation", "value", "unit", "flag"]].values.tolist() == [
        ["POP_TOTAL", "0301", 2020, "age=Y0T17", 1234.5, "PS", "provisional"],
        ["POP_TOTAL", "0301", 2021, "age=Y0T17", 1240.0, "PS", ""],
        ["POP_TOTAL", "1103", 2020, "", 99.0, "PS", "estimated"],
        ["POP_SHARE", "0301", 2021, "", 52.5, "PT", ""],
    ]


def test_several_series_need_a_mapping():
    result = READER.read(JSON, ReadOptions(indicator="POP_TOTAL"))
    assert sorted(problem.message for problem in result.problems) == [
        "series 'POP' is not mapped to an indicator: give indicator_by_code (POP=INDICATOR)",
        "series 'POP_SHARE' is not mapped to an indicator: give indicator_by_code (POP_SHARE=INDICATOR)",
    ]
    partial = READER.read(JSON, ReadOptions(indicator_by_code={"POP": "POP_TOTAL"}))
    assert [problem.column for problem in partial.problems] == ["INDICATOR"]


def test_observations_without_geography_are_national_and_other_codes_are_problems():
    frame = pd.DataFrame({"TIME_PERIOD": ["2020", "2021", "2022"], "value": ["1", "NaN", "x"],
                          "OBS_STATUS": [None, "M", None], "AGE": ["_T", "Y15T24", "_Z"]}, dtype=object)
    result = from_observations(frame, ["AGE", "TIME_PERIOD"], "f.xml", ReadOptions(indicator="A"))
    assert result.table[["place", "disaggregation", "flag"]].values.tolist() == [
        ["0", "", ""], ["0", "age=Y15T24", "missing"]]
    assert [(problem.row, problem.column) for problem in result.problems] == [(3, "value")]
    sweden = pd.DataFrame({"REF_AREA": ["SE"], "TIME_PERIOD": ["2020"], "value": ["1"]}, dtype=object)
    problems = from_observations(sweden, ["REF_AREA", "TIME_PERIOD"], "f.xml", ReadOptions()).problems
    assert [(problem.row, problem.column) for problem in problems] == [(1, "REF_AREA")]


def test_sniff_and_registry(tmp_path):
    assert READER.sniff(GENERIC, GENERIC.read_bytes()[:2000])
    assert READER.sniff(JSON, JSON.read_bytes()[:2000])
    assert not READER.sniff(JSON, b'{"class": "dataset", "version": "2.0"}')
    assert not READER.sniff(GENERIC, b"<?xml version='1.0'?><html/>")
    assert isinstance(reader_for(GENERIC), SdmxReader)
    assert isinstance(reader_for(JSON, "sdmx"), SdmxReader)


@pytest.mark.parametrize("content", [
    b"", b"not xml at all", b"<?xml version='1.0'?><root/>", b'{"dataSets": [}', "Year,Kjønn\n".encode("latin-1"),
    GENERIC.read_bytes()[:700],
])
def test_bad_files_are_problems_not_exceptions(tmp_path, content):
    path = tmp_path / "bad.xml"
    path.write_bytes(content)
    result = READER.read(path, ReadOptions())
    assert result.table.empty and result.problems
    assert list(result.table.columns) == list(COLUMNS)
