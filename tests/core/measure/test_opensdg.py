"""Open SDG data CSV and indicator config in, progress out: selection of series as sdg-build does it, and every
input problem reported with its file, row and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from lokalagenda.core.errors import SourceDataError
from lokalagenda.core.measure.opensdg import (
    SERIES_FIELDS,
    disaggregation_columns,
    indicator_report,
    read_config,
)

AUTO = "auto_progress_calculation: true\n"


def report(tmp_path: Path, data: str, config: str = AUTO, config_name: str = "indicator.yml"):
    (tmp_path / "data.csv").write_text(data, encoding="utf-8")
    (tmp_path / config_name).write_text(config, encoding="utf-8")
    return indicator_report(tmp_path / "data.csv", tmp_path / config_name)


def problems(error: pytest.ExceptionInfo[SourceDataError]) -> list[tuple[int | None, str | None, str]]:
    return [(location.row, location.column, message) for location, message in error.value.problems]


def test_constructed_check(tmp_path):
    result = report(tmp_path, "Year,Value\n2020,100\n2021,120\n").result
    assert result["indicator"] == {"score": -5.0, "status": "deterioration", "target_achieved": False}
    (series,) = result["series"]
    assert list(series) == list(SERIES_FIELDS)
    assert series["progress_value"] == pytest.approx(-0.2)
    assert series | {"progress_value": None} == {
        "series": None, "unit": None, "disaggregation": {}, "base_year": 2020, "base_value": 100.0,
        "current_year": 2021, "current_value": 120.0, "target": None, "target_year": 2030, "direction": -1,
        "limit": None, "progress_value": None, "score": -5.0, "status": "deterioration"}


def test_headline_is_the_rows_with_every_disaggregation_empty(tmp_path):
    data = "Year,Sex,GeoCode,Observation status,Value\n2015,,03,E,10\n2016,,03,,5\n2015,Female,,,1\n2016,Female,,,9\n"
    series = report(tmp_path, data).result["series"][0]
    assert (series["base_value"], series["current_value"]) == (10.0, 5.0)
    assert disaggregation_columns(["Year", "Sex", "GeoCode", "Observation status", "Value"]) == ["Sex"]


def test_disaggregation_series_and_unit_select_rows(tmp_path):
    data = ("Year,Series,Units,Sex,Value\n"
            "2015,A,percent,,1\n2016,A,percent,,2\n2015,A,percent,Female,4\n2016,A,percent,Female,3\n"
            "2015,B,percent,,7\n2016,B,percent,,8\n")
    config = AUTO + ("progress_calculation_options:\n- series: A\n  unit: percent\n  disaggregation:\n"
                     "  - field: Sex\n    value: Female\n- series: B\n  unit: percent\n  direction: positive\n")
    rows = report(tmp_path, data, config).result["series"]
    assert [(r["series"], r["disaggregation"], r["base_value"], r["current_value"]) for r in rows] == [
        ("A", {"Sex": "Female"}, 4.0, 3.0), ("B", {}, 7.0, 8.0)]
    assert rows[1]["direction"] == 1


def test_numbers_in_the_config_match_numbers_in_the_file(tmp_path):
    data = "Year,Age,Value\n2015,15.0,1\n2016,15.0,2\n2015,16,5\n2016,16,5\n"
    config = AUTO + "progress_calculation_options:\n- disaggregation:\n  - field: Age\n    value: 15\n"
    assert report(tmp_path, data, config).result["series"][0]["current_value"] == 2.0


def test_value_not_found_only_warns_and_keeps_the_rows_as_sdg_build_does(tmp_path):
    data = "Year,Series,Value\n2015,A,1\n2016,A,2\n"
    outcome = report(tmp_path, data, AUTO + "progress_calculation_options:\n- series: Z\n  unit: u\n")
    assert outcome.result["series"][0]["current_value"] == 2.0
    assert any("'Z' not found in column 'Series'" in warning for warning in outcome.warnings)
    assert any("column 'Units' not found" in warning for warning in outcome.warnings)


def test_several_series_left_is_an_error(tmp_path):
    data = "Year,Series,Value\n2015,A,1\n2016,A,2\n2015,B,1\n2016,B,2\n"
    with pytest.raises(SourceDataError) as error:
        report(tmp_path, data)
    ((row, column, message),) = problems(error)
    assert (row, column) == (None, "Series") and "several series" in message and "'A', 'B'" in message


def test_no_headline_is_an_error(tmp_path):
    with pytest.raises(SourceDataError, match="no headline rows"):
        report(tmp_path, "Year,Sex,Value\n2015,Male,1\n2016,Female,2\n")


def test_duplicate_year_is_an_error_with_its_rows(tmp_path):
    with pytest.raises(SourceDataError) as error:
        report(tmp_path, "Year,Value\n2015,1\n2016,2\n2016,3\n")
    assert [(row, column) for row, column, _ in problems(error)] == [(3, "Year"), (4, "Year")]
    assert "data.csv, row 3, column 'Year'" in str(error.value)


def test_value_that_is_not_a_number_is_an_error_with_row_and_column(tmp_path):
    with pytest.raises(SourceDataError) as error:
        report(tmp_path, "Year,Value\n2015,1\n2016,abc\n")
    assert problems(error) == [(3, "Value", "not a number: 'abc'")]


def test_year_that_is_not_a_year_is_an_error(tmp_path):
    with pytest.raises(SourceDataError) as error:
        report(tmp_path, "Year,Value\n2015,1\nnext,2\n")
    assert problems(error)[0][:2] == (3, "Year")


def test_year_ranges_count_as_their_first_year(tmp_path):
    series = report(tmp_path, "Year,Value\n2015-16,1\n2016-17,2\n").result["series"][0]
    assert (series["base_year"], series["current_year"]) == (2015, 2016)


def test_progress_column_replaces_value(tmp_path):
    data = "Year,Value,Progress\n2015,1,10\n2016,2,5\n2017,3,\n"
    series = report(tmp_path, data).result["series"][0]
    assert (series["base_value"], series["current_value"], series["current_year"]) == (10.0, 5.0, 2016)


def test_na_spellings_are_missing_values(tmp_path):
    series = report(tmp_path, "Year,Value\n2015,1\n2016,NA\n2017,\n").result["series"][0]
    assert series["status"] == "not_available" and series["current_year"] == 2015


def test_missing_value_column_is_an_error(tmp_path):
    with pytest.raises(SourceDataError) as error:
        report(tmp_path, "Year,Amount\n2015,1\n")
    assert problems(error) == [(1, "Value", "missing column of an Open SDG data file")]


def test_file_that_is_not_utf8_is_an_error(tmp_path):
    (tmp_path / "data.csv").write_bytes(b"Year,Value\n2015,\xe6\n")
    (tmp_path / "c.yml").write_text(AUTO)
    with pytest.raises(SourceDataError, match="row 2.*UTF-8"):
        indicator_report(tmp_path / "data.csv", tmp_path / "c.yml")


# --- the config ----------------------------------------------------------------------------------------------


def test_config_in_metadata_front_matter(tmp_path):
    config = "---\nauto_progress_calculation: true\nprogress_calculation_options:\n- direction: positive\n---\n# Text\n"
    series = report(tmp_path, "Year,Value\n2015,1\n2016,2\n", config, "1-1-1.md").result["series"][0]
    assert series["direction"] == 1 and series["status"] == "substantial_progress"


def test_without_auto_calculation_the_manual_status_is_reported(tmp_path):
    result = report(tmp_path, "Year,Value\n2015,1\n", "progress_status: target_achieved\n").result
    assert result == {"indicator": {"score": None, "status": "target_achieved", "target_achieved": True},
                      "series": []}
    assert report(tmp_path, "Year,Value\n2015,1\n", "title: x\n").result["indicator"]["status"] == "not_available"


def test_options_default_to_the_headline(tmp_path):
    config = read_config(_write(tmp_path, AUTO + "progress_calculation_options: []\n"))
    (item,) = config.items
    assert item.describe() == "the headline" and item.options.base_year == 2015


def test_invalid_yaml_names_the_line(tmp_path):
    with pytest.raises(SourceDataError, match="row 2.*not valid YAML"):
        read_config(_write(tmp_path, "auto_progress_calculation: true\nprogress_calculation_options: @x\n"))


def test_options_of_the_wrong_kind_name_their_key(tmp_path):
    config = AUTO + ("progress_calculation_options:\n- base_year: soon\n  target: '70'\n"
                     "  disaggregation: Sex\n- group:\n  - group: []\n")
    with pytest.raises(SourceDataError) as error:
        read_config(_write(tmp_path, config))
    columns = [column for _, column, _ in problems(error)]
    assert columns == ["progress_calculation_options[0].base_year", "progress_calculation_options[0].target",
                       "progress_calculation_options[0].disaggregation",
                       "progress_calculation_options[1].group[0]"]


def test_target_limit_thresholds_and_years_are_read(tmp_path):
    config = AUTO + ("progress_calculation_options:\n- target: 0\n  target_year: 2025\n  base_year: 2016\n"
                     "  limit: 100\n  progress_thresholds: {high: 0.9}\n")
    options = read_config(_write(tmp_path, config)).items[0].options
    assert (options.target, options.target_year, options.base_year, options.limit, options.high) == (
        0.0, 2025, 2016, 100.0, 0.9)


def test_group_is_averaged_first(tmp_path):
    data = "Year,Series,Value\n2015,A,1\n2016,A,0.5\n2015,B,1\n2016,B,2\n2015,C,1\n2016,C,1\n"
    config = AUTO + ("progress_calculation_options:\n- series: A\n- group:\n  - series: B\n  - series: C\n"
                     "    direction: positive\n")
    result = report(tmp_path, data, config).result
    scores = [row["score"] for row in result["series"]]
    assert scores == [5.0, -5.0, -2.5]
    assert result["indicator"]["score"] == pytest.approx((5.0 + (-5.0 - 2.5) / 2) / 2)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "indicator.yml"
    path.write_text(text, encoding="utf-8")
    return path
