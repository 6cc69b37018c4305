"""Open SDG data CSV and indicator config in, progress out: selection of series as sdg-build does it, and every
input problem reported with its file, row and column."""

from __future__ import annotations

import re
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


def test_missing_column_only_warns_and_keeps_the_rows_as_sdg_build_does(tmp_path):
    data = "Year,Series,Value\n2015,A,1\n2016,A,2\n"
    outcome = report(tmp_path, data, AUTO + "progress_calculation_options:\n- series: A\n  unit: u\n")
    assert outcome.result["series"][0]["current_value"] == 2.0
    assert any("column 'Units' not found" in warning for warning in outcome.warnings)


# Selections that match no rows are not available, as Open SDG 2.4.0 had it in production (the data bundle's
# recorded/open_sdg/: Statistics Canada's indicator 1-4-1 and its published result).
PROVINCES = ("Year,Series,Geography,Value\n"
             "2015,A,,10\n2016,A,,12\n2015,A,Ontario,10\n2016,A,Ontario,11\n2015,A,Quebec,9\n2016,A,Quebec,9\n"
             "2015,B,,1\n2016,B,,2\n")


def test_selection_value_not_in_the_data_is_not_available_without_falling_back(tmp_path):
    # The national rows leave Geography empty, so 'Geography: Canada' selects nothing; falling back to the
    # unfiltered rows would leave three geographies (an error) or, worse, measure the wrong series.
    config = AUTO + ("progress_calculation_options:\n- series: A\n  disaggregation:\n  - field: Geography\n"
                     "    value: Canada\n- series: B\n  direction: positive\n")
    outcome = report(tmp_path, PROVINCES, config)
    canada, other = outcome.result["series"]
    assert (canada["status"], canada["score"], canada["current_year"], canada["base_year"]) == (
        "not_available", None, None, 2015)
    assert other["score"] == 5.0
    assert outcome.result["indicator"] == {"score": 5.0, "status": "substantial_progress",
                                           "target_achieved": False}
    assert any("'Canada' not found in column 'Geography'" in warning and "not available" in warning
               for warning in outcome.warnings)


def test_series_with_no_rows_is_not_available(tmp_path):
    config = AUTO + "progress_calculation_options:\n- series: Z\n- series: B\n  direction: positive\n"
    outcome = report(tmp_path, PROVINCES, config)
    assert [row["status"] for row in outcome.result["series"]] == ["not_available", "substantial_progress"]
    assert outcome.result["indicator"]["score"] == 5.0
    assert any("'Z' not found in column 'Series'" in warning for warning in outcome.warnings)


def test_indicator_whose_series_all_have_no_rows_is_not_available(tmp_path):
    config = AUTO + "progress_calculation_options:\n- series: Z\n- series: Y\n"
    result = report(tmp_path, PROVINCES, config).result
    assert result["indicator"] == {"score": None, "status": "not_available", "target_achieved": False}


def test_group_counts_a_member_listed_twice_twice(tmp_path):
    data = "Year,Series,Value\n2015,A,1\n2016,A,0.5\n2015,B,1\n2016,B,2\n2015,C,1\n2016,C,1\n"
    config = AUTO + ("progress_calculation_options:\n- series: A\n- group:\n  - series: B\n  - series: B\n"
                     "  - series: C\n    direction: positive\n")
    result = report(tmp_path, data, config).result
    assert [row["score"] for row in result["series"]] == [5.0, -5.0, -5.0, -2.5]
    group = (-5.0 - 5.0 - 2.5) / 3
    assert result["indicator"]["score"] == pytest.approx((5.0 + group) / 2, abs=1e-12)


def test_group_whose_members_are_all_unavailable_does_not_count(tmp_path):
    # One member selects a value the data does not hold, the other has a single year: the group has no score,
    # and the indicator is the mean of the entries that have one (not a group score of 0 or None averaged in).
    data = PROVINCES + "2016,C,,4\n"
    config = AUTO + ("progress_calculation_options:\n- series: B\n- group:\n  - series: A\n"
                     "    disaggregation:\n    - field: Geography\n      value: Canada\n  - series: C\n"
                     "- series: B\n  direction: positive\n")
    result = report(tmp_path, data, config).result
    assert [row["status"] for row in result["series"]] == [
        "deterioration", "not_available", "not_available", "substantial_progress"]
    assert result["indicator"]["score"] == pytest.approx((-5.0 + 5.0) / 2, abs=1e-12)


def test_several_series_left_after_every_selection_matched_is_an_error(tmp_path):
    data = "Year,Series,Sex,Age,Value\n2015,A,Female,15-24,1\n2016,A,Female,15-24,2\n2015,A,Female,25-34,3\n"
    config = AUTO + ("progress_calculation_options:\n- series: B\n- group:\n  - series: A\n"
                     "    disaggregation:\n    - field: Sex\n      value: Female\n")
    with pytest.raises(SourceDataError) as error:
        report(tmp_path, data + "2015,B,,,1\n2016,B,,,2\n", config)
    ((row, column, message),) = problems(error)
    assert (row, column) == (None, "Age")
    assert message.startswith("progress_calculation_options[1].group[0]: the rows for series 'A', Sex=Female ")
    assert "several series (Age: '15-24', '25-34')" in message
    assert "data.csv, column 'Age'" in str(error.value)


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



# --- the recorded production indicator ------------------------------------------------------------------------
# Statistics Canada's indicator 1-4-1 (data file and config unmodified) and the result Open SDG 2.4.0 published for
# it, all read from the data bundle's recorded/open_sdg/ (its README holds the result).

STATUS_WORDS = ("target_achieved", "substantial_progress", "moderate_progress", "limited_progress", "deterioration",
                "not_available")


def _published(readme: str) -> tuple[tuple[str, float], list[tuple[str, str, float | None, float]]]:
    """The indicator's (status, score) and each series row (label, status, score, tolerance) of the README;
    a score written with d decimals is checked to half a unit in its last place (at most 1e-6 apart)."""
    status, score = re.search(r"\*\*(\w+), score (-?[0-9.]+)\*\*", readme).groups()
    rows = []
    for line in readme.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[1] in STATUS_WORDS:
            number = re.fullmatch(r"-?[0-9]+(?:\.([0-9]+))?", cells[2])
            tolerance = max(1e-6, 0.5 * 10.0 ** -len(number.group(1) or "")) if number else 0.0
            rows.append((cells[0], cells[1], float(cells[2]) if number else None, tolerance))
    return (status, float(score)), rows


def test_canada_1_4_1_reproduces_the_published_result(data_dir):
    folder = data_dir / "recorded" / "open_sdg"
    (status, score), published = _published((folder / "README.md").read_text(encoding="utf-8"))
    outcome = indicator_report(folder / "indicator_1-4-1.csv", folder / "indicator-config_1-4-1.yml")
    indicator = outcome.result["indicator"]
    assert indicator["status"] == status and indicator["score"] == pytest.approx(score, abs=1e-6)
    # Production keys its series by a tag that shortens long disaggregation values, so members that differ only
    # late in a long value (the two Grade 4 options) share one published row holding the member computed last;
    # each published row is therefore matched by its series name, status and score.
    ours = list(outcome.result["series"])
    for label, word, value, tolerance in published:
        name = label.split(" / ")[0]
        match = next((row for row in ours if row["series"] == name and row["status"] == word and (
            row["score"] is None if value is None else
            row["score"] is not None and abs(row["score"] - value) <= tolerance)), None)
        assert match is not None, f"no series gives the published {label}: {word} {value}"
        ours.remove(match)
    # The rest: the option listed twice in the education group, and Grade 4 reading (a single year).
    assert [(row["series"], row["status"]) for row in ours] == [
        ("Access to basic education", "deterioration"), ("Access to basic education", "not_available")]
    assert sum("not found in column 'Geography'" in warning for warning in outcome.warnings) == 2

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
