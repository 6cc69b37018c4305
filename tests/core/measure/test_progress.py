"""The Open SDG progress status (measurement.md §1): every rule, edge case and constructed check, each computed
by the vectorised method and checked against the per-series reference loop."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from lokalagenda.core.measure import MeasurementError
from lokalagenda.core.measure.progress import (
    METHOD,
    VERSION,
    SeriesOptions,
    indicator_progress,
    indicator_scores,
    progress_reference_loop,
    progress_status,
    status_from_score,
)


def _frame(points: dict[int, float | None], series: str = "s") -> pd.DataFrame:
    return pd.DataFrame({"series": series, "year": list(points), "value": [np.nan if v is None else v
                                                                           for v in points.values()]})


def one(points: dict[int, float | None], **options) -> dict:
    """The row of a single series, after checking that the reference loop gives the same."""
    frame, opts = _frame(points), SeriesOptions(**options)
    fast = progress_status(frame, opts).table
    slow = progress_reference_loop(frame, opts)
    pd.testing.assert_frame_equal(fast, slow, check_dtype=False, rtol=1e-12)
    return fast.iloc[0].to_dict()


def test_constructed_check_100_to_120_without_target_is_deterioration():
    row = one({2020: 100, 2021: 120})
    assert row["progress_value"] == pytest.approx(-0.2)
    assert row["score"] == -5
    assert row["status"] == "deterioration"
    assert (row["base_year"], row["current_year"]) == (2020, 2021)


def test_result_carries_method_version_and_parameters():
    result = progress_status(_frame({2015: 1, 2016: 2}), SeriesOptions(direction=1, target=3))
    assert (result.method, result.version) == (METHOD, VERSION)
    assert result.parameters["options"]["target"] == 3
    assert result.parameters["thresholds_with_target"] == {"high": 0.95, "med": 0.6, "low": 0.0}
    assert result.provenance()["method"] == "open_sdg_progress"


# --- preparation -------------------------------------------------------------------------------------------


def test_single_year_is_not_available():
    row = one({2018: 5.0})
    assert math.isnan(row["progress_value"]) and math.isnan(row["score"])
    assert row["status"] == "not_available"
    assert row["base_year"] == row["current_year"] == 2018


def test_no_data_is_not_available_and_keeps_the_configured_base_year():
    row = one({2015: None, 2016: None})
    assert row["status"] == "not_available" and pd.isna(row["current_year"])
    assert row["base_year"] == 2015 and math.isnan(row["base_value"])


def test_missing_values_are_dropped_before_choosing_years():
    row = one({2015: None, 2016: 10, 2017: 12, 2018: None})
    assert (row["base_year"], row["current_year"]) == (2016, 2017)


def test_missing_base_year_uses_the_smallest_later_year():
    row = one({2012: 50, 2017: 100, 2019: 121}, direction=1)
    assert row["base_year"] == 2017 and row["base_value"] == 100
    assert row["progress_value"] == pytest.approx(0.1)


def test_base_year_after_the_latest_year_is_not_available():
    row = one({2010: 1, 2012: 2}, base_year=2015, direction=1)
    assert row["status"] == "not_available" and math.isnan(row["base_value"])


def test_duplicate_years_are_an_error():
    frame = pd.DataFrame({"series": ["s", "s"], "year": [2015, 2015], "value": [1.0, 2.0]})
    with pytest.raises(MeasurementError, match="duplicate years.*s 2015"):
        progress_status(frame)
    with pytest.raises(MeasurementError, match="duplicate years"):
        progress_reference_loop(frame)


def test_a_missing_value_does_not_count_as_a_duplicate():
    frame = pd.DataFrame({"series": ["s", "s", "s"], "year": [2015, 2015, 2016], "value": [np.nan, 1.0, 2.0]})
    assert progress_status(frame).table.loc[0, "base_value"] == 1.0


# --- not available, zero base, zero target, signs ------------------------------------------------------------


def test_base_value_of_zero_becomes_0_001():
    row = one({2015: 0, 2016: 1}, direction=1)
    assert row["base_value"] == 0.001
    assert row["progress_value"] == pytest.approx(999)
    assert row["status"] == "substantial_progress" and row["score"] == 5


def test_zero_base_and_negative_current_are_opposite_signs():
    assert one({2015: 0, 2016: -1})["status"] == "not_available"


def test_opposite_signs_are_not_available():
    assert one({2015: 1, 2016: -1})["status"] == "not_available"
    assert one({2015: -2, 2016: 3}, direction=1)["status"] == "not_available"


def test_zero_current_value_is_a_growth_of_minus_one():
    row = one({2015: 1, 2016: 0})
    assert row["progress_value"] == pytest.approx(1.0) and row["status"] == "substantial_progress"


def test_negative_base_flips_the_sign():
    row = one({2015: -3, 2016: -1}, direction=1)
    assert row["progress_value"] == pytest.approx(2 / 3)
    row = one({2015: -1, 2016: -3})
    assert row["progress_value"] == pytest.approx(2.0)


def test_target_of_zero_becomes_0_001():
    row = one({2015: 2, 2016: 1}, target=0, target_year=2016)
    assert row["target"] == 0.001
    assert row["progress_value"] == pytest.approx(0.5002501250625312)
    assert row["score"] == pytest.approx(-0.4156078039019513)
    assert row["status"] == "limited_progress"


def test_direction_defaults_to_negative_and_positive_is_plus_one():
    assert one({2015: 1, 2016: 2})["direction"] == -1
    assert one({2015: 1, 2016: 2}, direction=1)["direction"] == 1
    with pytest.raises(MeasurementError):
        SeriesOptions(direction=2)


# --- with a target ------------------------------------------------------------------------------------------


def test_with_target_the_value_is_a_share_of_the_required_growth():
    row = one({2015: 14.5, 2023: 10.2}, target=7.25)
    assert row["progress_value"] == pytest.approx(0.9525901792032172, abs=1e-12)
    assert row["score"] == pytest.approx(2.5185563910306596, abs=1e-12)
    assert row["status"] == "substantial_progress"


def test_target_achieved_scores_5_whatever_the_progress_value():
    row = one({2015: 1, 2016: 3}, direction=1, target=2)
    assert row["target_achieved"] and row["status"] == "target_achieved" and row["score"] == 5
    assert row["progress_value"] == pytest.approx(42.28855258792802)
    assert one({2015: 3, 2016: 1}, target=2)["status"] == "target_achieved"


def test_target_achieved_wins_over_not_available():
    row = one({2018: 0.5}, target=1)
    assert math.isnan(row["progress_value"])
    assert row["status"] == "target_achieved" and row["score"] == 5
    assert one({2015: 1, 2016: -1}, direction=1, target=-2)["status"] == "target_achieved"


def test_zero_required_growth_achieved_is_target_achieved_without_progress_value():
    row = one({2015: 100, 2022: 100}, direction=1, target=100)
    assert math.isnan(row["progress_value"]) and row["score"] == 5 and row["status"] == "target_achieved"


def test_zero_required_growth_not_achieved_is_not_available():
    row = one({2015: 1, 2016: 0.5}, direction=1, target=1)
    assert math.isnan(row["progress_value"]) and math.isnan(row["score"]) and row["status"] == "not_available"


def test_target_year_equal_to_base_year_or_unreachable_target_is_not_available():
    assert one({2015: 1, 2016: 2}, direction=1, target=3, target_year=2015)["status"] == "not_available"
    assert one({2015: 1, 2016: 2}, target=-3)["status"] == "not_available"


def test_with_target_scores_and_thresholds():
    # pv = 0.6 exactly at med → moderate; 7.1429·pv − 4.2857
    frame = pd.DataFrame({"series": "s", "year": [2015, 2016], "value": [1.0, 1.0]})
    row = one({2015: 1, 2016: 1}, direction=1, target=2)
    assert row["progress_value"] == 0 and row["score"] == -2.5 and row["status"] == "limited_progress"
    table = progress_status(frame, SeriesOptions(direction=1, target=2, med=0.0)).table
    assert table.loc[0, "status"] == "moderate_progress"
    assert table.loc[0, "score"] == pytest.approx(-4.2857)


def test_limit_is_ignored_with_a_target():
    row = one({2015: 99, 2016: 99.1}, direction=1, limit=100, target=100, target_year=2016)
    assert row["coefficient"] == 1
    assert row["progress_value"] == pytest.approx(0.09999999999998901)
    assert row["score"] == pytest.approx(-2.083330000000046)


# --- without a target: thresholds, scores, limits ----------------------------------------------------------


@pytest.mark.parametrize(("current", "status", "score"), [
    (1.02, "substantial_progress", 5.0),                       # pv 0.02 ≥ high: min(500·pv − 5, 5)
    (1.01, "moderate_progress", 250 * 0.01 - 1.25),             # med ≤ pv < high: 250·pv − 1.25
    (1.005, "limited_progress", -5.3290705182007514e-14),       # pv just under med (float): 500·pv − 2.5
    (1.0, "limited_progress", -2.5),                            # pv = low = 0
    (0.99, "deterioration", -3.750000000000001),                # pv < low: 125·pv − 2.5
    (0.98, "deterioration", -5.0),                              # clipped at −5
])
def test_without_target_status_and_score(current, status, score):
    row = one({2015: 1.0, 2016: current}, direction=1)
    assert row["status"] == status
    assert row["score"] == pytest.approx(score, abs=1e-9)


def test_threshold_boundaries_belong_to_the_better_status():
    frame = pd.DataFrame({"series": ["a", "a", "b", "b"], "year": [2015, 2016] * 2, "value": [1, 1.5, 1, 1.25]})
    options = SeriesOptions(direction=1, high=0.5, med=0.25)
    table = progress_status(frame, options).table
    assert list(table["status"]) == ["substantial_progress", "moderate_progress"]


def test_limit_far_away_leaves_the_thresholds_alone():
    assert one({2015: 50, 2016: 51}, direction=1, limit=10)["coefficient"] == 1


def test_limit_closer_than_the_base_value_reduces_the_thresholds():
    row = one({2015: 97.0, 2016: 97.062}, direction=1, limit=100)
    assert row["coefficient"] == pytest.approx(1 - 0.97 ** 4.44)
    assert row["status"] == "moderate_progress"
    assert row["score"] == pytest.approx(0.013264332676945934, abs=1e-12)


def test_base_value_between_limit_and_twice_the_limit():
    row = one({2015: 101, 2016: 100.9}, limit=100)
    assert row["coefficient"] == pytest.approx(1 - 0.99 ** 4.44)
    assert row["progress_value"] == pytest.approx(0.00099009900990088) and row["score"] == 5


def test_base_value_at_the_limit_scores_5_for_any_non_negative_progress():
    row = one({2015: 100, 2016: 100}, direction=1, limit=100)
    assert row["coefficient"] == 0 and row["progress_value"] == 0
    assert row["score"] == 5 and row["status"] == "substantial_progress"
    assert one({2015: 100, 2016: 99}, direction=1, limit=100)["score"] == pytest.approx(125 * -0.01 - 2.5)


def test_limit_of_zero_gives_coefficient_1():
    row = one({2015: 2, 2016: 1}, limit=0)
    assert row["coefficient"] == 1 and row["progress_value"] == pytest.approx(0.5) and row["score"] == 5


# --- many series at once, indicators -----------------------------------------------------------------------


def test_per_series_options_from_a_table():
    frame = pd.concat([_frame({2015: 1, 2016: 2}, "a"), _frame({2015: 1, 2016: 2}, "b"), _frame({2015: 1}, "c")])
    options = pd.DataFrame({"direction": [1, -1], "target": [1.5, np.nan]}, index=pd.Index(["a", "b"]))
    table = progress_status(frame, options).table.set_index("series")
    assert table.loc["a", "status"] == "target_achieved" and table.loc["b", "status"] == "deterioration"
    assert table.loc["c", "direction"] == -1 and table.loc["c", "target_year"] == 2030
    pd.testing.assert_frame_equal(progress_status(frame, options).table, progress_reference_loop(frame, options),
                                  check_dtype=False)


def test_several_key_columns():
    frame = pd.DataFrame({"place": ["0301", "0301", "4601", "4601"], "indicator": "X", "year": [2015, 2016] * 2,
                          "value": [1.0, 2.0, 2.0, 1.0]})
    table = progress_status(frame, keys=("place", "indicator")).table
    assert list(table.columns[:2]) == ["place", "indicator"]
    assert list(table["status"]) == ["deterioration", "substantial_progress"]


def test_missing_columns_are_an_error():
    with pytest.raises(MeasurementError, match="year"):
        progress_status(pd.DataFrame({"series": [], "value": []}))


def test_indicator_score_is_the_mean_of_scored_series():
    result = indicator_progress([(5.0, False), (-5.0, False), (None, False), (1.0, False)])
    assert result.score == pytest.approx(1 / 3) and result.status == "moderate_progress"
    assert not result.target_achieved


def test_indicator_target_achieved_only_if_every_scored_series_achieved_it():
    assert indicator_progress([(5.0, True), (None, False)]).status == "target_achieved"
    assert indicator_progress([(5.0, True), (-0.4, False)]).status == "moderate_progress"


def test_indicator_without_scores_is_not_available():
    assert indicator_progress([(None, False)]) == indicator_progress([])
    assert indicator_progress([]).status == "not_available" and indicator_progress([]).score is None


def test_group_is_averaged_first_and_counts_as_one_item():
    result = indicator_progress([(4.0, False), [(-5.0, False), (1.0, False), (None, True)]])
    assert result.score == pytest.approx((4.0 + (-2.0)) / 2)
    assert indicator_progress([[(5.0, True), (5.0, True)], (5.0, True)]).target_achieved


@pytest.mark.parametrize(("score", "status"), [(5, "substantial_progress"), (2.5, "substantial_progress"),
                                               (2.49, "moderate_progress"), (0, "moderate_progress"),
                                               (-0.01, "limited_progress"), (-2.5, "limited_progress"),
                                               (-2.51, "deterioration"), (None, "not_available")])
def test_indicator_status_from_score(score, status):
    assert status_from_score(score) == status


def test_indicator_scores_vectorised():
    frame = pd.concat([_frame({2015: 1, 2016: 2}, "a"), _frame({2015: 1, 2016: 0.5}, "b"), _frame({2015: 1}, "c")])
    frame["indicator"] = frame["series"].map({"a": "X", "b": "X", "c": "Y"})
    table = progress_status(frame, keys=("indicator", "series")).table
    summary = indicator_scores(table, ["indicator"]).set_index("indicator")
    assert summary.loc["X", "score"] == pytest.approx(0.0) and summary.loc["X", "status"] == "moderate_progress"
    assert summary.loc["Y", "status"] == "not_available"


def test_no_observations_give_an_empty_table():
    empty = pd.DataFrame({"series": pd.Series([], dtype=object), "year": pd.Series([], dtype="int64"),
                          "value": pd.Series([], dtype=float)})
    assert progress_status(empty).table.empty and progress_reference_loop(empty).empty


def test_row_order_does_not_matter():
    rng = np.random.default_rng(3)
    frame = pd.DataFrame({"series": np.repeat(np.arange(50), 6), "year": np.tile(np.arange(2013, 2019), 50),
                          "value": rng.uniform(1, 10, 300)})
    ordered = progress_status(frame).table  # a complete grid in series and year order
    shuffled = progress_status(frame.sample(frac=1, random_state=1)).table.sort_values("series")
    pd.testing.assert_frame_equal(ordered, shuffled.reset_index(drop=True))


def test_options_indexed_by_some_of_the_keys_apply_to_every_series_with_those_keys():
    frame = pd.DataFrame({"indicator": ["A", "A", "A", "A", "B", "B"], "place": ["0301", "0301", "4601", "4601",
                                                                                 "0301", "0301"],
                          "year": [2015, 2016] * 3, "value": [1.0, 2.0, 1.0, 2.0, 1.0, 2.0]})
    options = pd.DataFrame({"direction": [1, -1]}, index=pd.Index(["A", "B"], name="indicator"))
    table = progress_status(frame, options, keys=("indicator", "place")).table
    assert table["direction"].tolist() == [1, 1, -1]
    assert table["status"].tolist() == ["substantial_progress"] * 2 + ["deterioration"]
    with pytest.raises(MeasurementError, match="not series keys"):
        progress_status(frame, options.rename_axis("kommune"), keys=("indicator", "place"))
