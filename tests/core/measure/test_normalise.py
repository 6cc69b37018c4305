"""SDSN normalised scores, goal scores, index, dashboards and trends (measurement.md §2), with its constructed
checks and edge cases."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lokalagenda.core.measure import MeasurementError, MethodResult
from lokalagenda.core.measure import normalise as sdsn
from lokalagenda.core.measure.panel import IndicatorSpecs, Panel


def specs(goal, higher=None, optimum=None, green=None, yellow=None, orange=None) -> IndicatorSpecs:
    n = len(goal)

    def array(values, default=np.nan):
        return np.array([default] * n if values is None else values, dtype=float)

    return IndicatorSpecs(np.array(goal), np.array([True] * n if higher is None else higher), array(optimum),
                          array(green), array(yellow), array(orange), np.ones(n, dtype=bool))


def panel(cube, years=(2015,), places=None, indicators=None) -> Panel:
    cube = np.asarray(cube, dtype=float)
    cube = cube[:, :, None] if cube.ndim == 2 else cube
    places = places or [f"p{i}" for i in range(cube.shape[0])]
    indicators = indicators or [f"i{i}" for i in range(cube.shape[1])]
    return Panel(cube, np.array(places, dtype=object), np.array(indicators, dtype=object), np.array(years))


def scores_result(cube, years=(2015,), bounds=None) -> MethodResult:
    """A normalised-scores result with given scores (bounds 0–100 unless told)."""
    data = panel(cube, years)
    bounds = bounds or {code: [0.0, 100.0] for code in data.indicators}
    return MethodResult("sdsn_normalised_scores", sdsn.VERSION, {"bounds": bounds}, data.wide(data.values))


# --- normalisation -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("x", "expected"), [(70, 75.0), (95, 100.0), (5, 0.0)])
def test_constructed_checks_of_normalisation(x, expected):
    assert float(sdsn.normalise(np.array(float(x)), 10, 90)) == expected


def test_constructed_check_lower_is_better():
    assert float(sdsn.normalise(np.array(10.0), 80, 2)) == pytest.approx(89.74, abs=0.005)


def test_equal_bounds_give_no_score():
    assert np.isnan(sdsn.normalise(np.array(5.0), 3, 3))


def test_bounds_percentile_and_mean_of_five_best():
    latest = np.arange(41, dtype=float)[:, None].repeat(2, axis=1)
    lower, upper = sdsn.bounds(latest, np.array([True, False]), np.array([np.nan, np.nan]))
    assert lower.tolist() == [1.0, 39.0]
    assert upper.tolist() == [38.0, 2.0]


def test_a_catalogue_worst_bound_replaces_the_percentile_only_where_it_is_given():
    latest = np.arange(41, dtype=float)[:, None].repeat(3, axis=1)
    lower, upper = sdsn.bounds(latest, np.array([True, False, True]), np.array([np.nan, 0.0, np.nan]),
                               worst=np.array([10.0, 30.0, np.nan]))
    assert lower.tolist() == [10.0, 30.0, 1.0]
    assert upper.tolist() == [38.0, 0.0, 38.0]


def test_normalised_scores_use_the_worst_bound_of_the_specs():
    data = panel([[0.0], [50.0], [100.0]])
    spec = IndicatorSpecs(np.array([1]), np.array([True]), np.array([100.0]), *(np.array([np.nan]) for _ in range(3)),
                          np.ones(1, dtype=bool), worst=np.array([50.0]))
    result = sdsn.normalised_scores(data, spec)
    assert result.parameters["bounds"] == {"i0": [50.0, 100.0]}
    assert result.table.iloc[:, 0].tolist() == [0.0, 0.0, 100.0]


def test_bounds_use_the_catalogue_optimum_first():
    latest = np.arange(41, dtype=float)[:, None]
    _, upper = sdsn.bounds(latest, np.array([True]), np.array([100.0]))
    assert upper.tolist() == [100.0]


def test_bounds_with_fewer_than_five_places_use_all_there_are():
    latest = np.array([[1.0], [3.0], [np.nan]])
    _, upper = sdsn.bounds(latest, np.array([True]), np.array([np.nan]))
    assert upper.tolist() == [2.0]


def test_bounds_come_from_the_latest_year_with_data():
    cube = np.full((41, 1, 3), np.nan)
    cube[:, 0, 0] = 1000.0
    cube[:, 0, 1] = np.arange(41)
    data = panel(cube, years=(2019, 2020, 2021))
    result = sdsn.normalised_scores(data, specs([1]))
    assert result.parameters["bounds"]["i0"] == [1.0, 38.0]
    assert result.table[("i0", 2019)].eq(100).all()


# --- goals and index ---------------------------------------------------------------------------------------


def test_constructed_check_goal_score_is_the_mean():
    result = sdsn.goal_scores(scores_result([[75.0, 89.74, 40.0]]), specs([3, 3, 3]))
    assert result.table[(3, 2015)].iloc[0] == pytest.approx(68.25, abs=0.005)
    assert result.method == "sdsn_goal_scores"


def test_goal_score_skips_missing_indicators():
    result = sdsn.goal_scores(scores_result([[60.0, np.nan, 80.0]]), specs([1, 1, 2]))
    assert result.table.iloc[0].tolist() == [60.0, 80.0]


@pytest.mark.parametrize(("missing", "has_index"), [(0, True), (1, True), (2, False)])
def test_no_index_where_more_than_20_percent_are_missing(missing, has_index):
    row = [50.0, 60.0, 70.0, 80.0, 90.0]
    row[:missing] = [np.nan] * missing
    scores = scores_result([row])
    goals = sdsn.goal_scores(scores, specs([1, 1, 2, 2, 3]))
    index = sdsn.sdg_index(scores, goals, min_goals=3).table.iloc[0, 0]
    assert (not np.isnan(index)) == has_index
    if missing == 0:
        assert index == pytest.approx(np.mean([55.0, 75.0, 90.0]))


def seventeen_goals(scored: int) -> tuple[MethodResult, MethodResult]:
    """Scores of one place on 17 indicators, one per goal, of which the first ``scored`` have a score (the rest
    are missing for every place but a second one, so the 20 % rule does not decide)."""
    first = [70.0] * scored + [np.nan] * (17 - scored)
    scores = scores_result([first, [50.0] * 17])
    return scores, sdsn.goal_scores(scores, specs(list(range(1, 18))))


@pytest.mark.parametrize(("scored", "has_index"), [(1, False), (13, False), (14, True), (17, True)])
def test_no_index_unless_14_of_the_17_goals_have_a_score(scored, has_index):
    scores, goals = seventeen_goals(scored)
    result = sdsn.sdg_index(scores, goals, max_missing_share=1.0)
    assert (not np.isnan(result.table.iloc[0, 0])) == has_index
    assert result.parameters["min_goals"] == sdsn.MIN_GOALS == 14 and result.parameters["goals"] == 17
    assert sdsn.goals_measured(goals).iloc[0, 0] == scored


def test_the_minimum_number_of_goals_is_a_parameter():
    scores, goals = seventeen_goals(5)
    result = sdsn.sdg_index(scores, goals, max_missing_share=1.0, min_goals=5)
    assert result.table.iloc[0, 0] == pytest.approx(70.0) and result.parameters["min_goals"] == 5
    assert np.isnan(sdsn.sdg_index(scores, goals, max_missing_share=1.0, min_goals=6).table.iloc[0, 0])


def test_a_goal_score_says_how_many_indicators_carry_it():
    counts = sdsn.scored_indicators(scores_result([[60.0, np.nan, 80.0, 10.0]]), specs([1, 1, 2, 2]))
    assert counts.iloc[0].tolist() == [1, 2]


# --- dashboards ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("score", "rating", "colour"), [
    (20, 0.5, "red"), (40, 1.0, "orange"), (50, 1.5, "orange"), (60, 2.0, "yellow"), (80, 3.0, "green"),
    (90, 3.5, "green"), (100, 4.0, "green"), (0, 0.0, "red")])
def test_dashboard_ratings_interpolate_between_thresholds(score, rating, colour):
    result = sdsn.dashboard(scores_result([[float(score)]]), specs([1], green=[80], yellow=[60], orange=[40]))
    value = result.table.iloc[0, 0]
    assert value == pytest.approx(rating)
    assert sdsn.colour_of(np.array([value]))[0] == colour
    assert result.parameters["relative"] == []


def test_dashboard_thresholds_follow_lower_is_better():
    scores = scores_result([[50.0]], bounds={"i0": [100.0, 0.0]})
    result = sdsn.dashboard(scores, specs([1], higher=[False], green=[20], yellow=[40], orange=[60]))
    assert result.table.iloc[0, 0] == pytest.approx(1.5)


def test_green_threshold_at_the_upper_bound():
    result = sdsn.dashboard(scores_result([[100.0], [99.0]]), specs([1], green=[100], yellow=[60], orange=[40]))
    assert result.table.iloc[:, 0].tolist() == pytest.approx([4.0, 2.975])


def test_colour_of_missing_rating_is_grey():
    assert sdsn.colour_of(np.array([np.nan])).tolist() == ["grey"]


def test_without_thresholds_colours_are_relative_and_labelled():
    result = sdsn.dashboard(scores_result([[10.0], [20.0], [30.0], [40.0], [50.0]]), specs([1]))
    assert result.table.iloc[:, 0].tolist() == [0.0, 1.0, 2.0, 3.0, 4.0]
    assert result.parameters["relative"] == ["i0"]
    assert sdsn.relative_ratings(np.array([[[7.0]]])).item() == 2.0


@pytest.mark.parametrize(("thresholds", "problem"), [
    ({"green": [80]}, "only some"), ({"green": [40], "yellow": [60], "orange": [80]}, "out of order")])
def test_bad_thresholds_are_an_error(thresholds, problem):
    with pytest.raises(MeasurementError, match=problem):
        sdsn.dashboard(scores_result([[50.0]]), specs([1], **thresholds))


@pytest.mark.parametrize(("ratings", "colour"), [
    ([0.5, 0.9, 3.5], "red"), ([3.0, 3.5, 4.0], "green"), ([0.5, 3.5, 4.0], "yellow"),
    ([0.5, 2.0, 4.0], "orange"), ([3.2], "green"), ([0.2], "red"), ([np.nan, 2.5], "yellow")])
def test_goal_colour_from_the_two_worst_ratings(ratings, colour):
    n = len(ratings)
    data = panel([ratings])
    result = MethodResult("sdsn_dashboard", sdsn.VERSION, {}, data.wide(data.values))
    table = sdsn.goal_dashboard(result, specs([1] * n)).table
    assert table["colour"].tolist() == [colour]


# --- trends --------------------------------------------------------------------------------------------------


def trend_of(points: dict[int, float], green: float = 80.0, **options) -> pd.Series:
    years = tuple(sorted(points))
    cube = [[[points[year] for year in years]]]
    result = sdsn.trends(scores_result(cube, years), specs([1], green=[green], yellow=[50], orange=[30]),
                         **options)
    return result.table.iloc[0]


def test_constructed_check_moderately_improving():
    row = trend_of({2015: 40.0, 2022: 54.0})
    assert row["required"] == pytest.approx(2.667, abs=0.001)
    assert row["observed"] == pytest.approx(2.0)
    assert row["observed"] / row["required"] == pytest.approx(0.75)
    assert row["trend"] == "moderately_improving"


@pytest.mark.parametrize(("end", "trend"), [(47.0, "stagnating"), (38.0, "decreasing"), (60.0, "on_track")])
def test_constructed_checks_stagnating_decreasing_on_track(end, trend):
    assert trend_of({2015: 40.0, 2022: end})["trend"] == trend


def test_maintaining_achievement_above_green():
    assert trend_of({2015: 85.0, 2022: 82.0})["trend"] == "maintaining_achievement"
    assert trend_of({2015: 85.0, 2022: 70.0})["trend"] == "decreasing"


def test_missing_base_year_replaced_by_the_closest_year_at_most_one_away():
    row = trend_of({2014: 40.0, 2016: 41.0, 2022: 54.0})
    assert row["base_year"] == 2014 and row["base_score"] == 40.0
    assert trend_of({2016: 40.0, 2023: 54.0})["base_year"] == 2016
    assert trend_of({2017: 40.0, 2022: 54.0})["trend"] == "not_available"


def test_trend_needs_a_later_year():
    assert trend_of({2015: 40.0})["trend"] == "not_available"


def test_without_green_threshold_green_is_the_upper_bound():
    years = (2015, 2030)
    result = sdsn.trends(scores_result([[[40.0, 100.0]]], years), specs([1]))
    assert result.table.iloc[0]["green"] == 100 and result.table.iloc[0]["trend"] == "on_track"


def test_goal_trend_shown_where_three_quarters_of_indicators_have_a_trend():
    cube = [[[40.0, 54.0], [40.0, 38.0], [40.0, 80.0], [np.nan, np.nan]]]
    result = sdsn.trends(scores_result(cube, (2015, 2022)), specs([1, 1, 1, 1], green=[80] * 4, yellow=[50] * 4,
                                                                   orange=[30] * 4))
    goal = sdsn.goal_trends(result, specs([1, 1, 1, 1])).table.iloc[0]
    assert goal["share"] == 0.75
    assert goal["value"] == pytest.approx((2 + 0 + 3) / 3)
    assert goal["trend"] == "moderately_improving"
    fewer = sdsn.trends(scores_result([[[40.0, 54.0], [np.nan, np.nan]]], (2015, 2022)), specs([1, 1]))
    assert sdsn.goal_trends(fewer, specs([1, 1])).table.iloc[0]["trend"] == "not_available"



def test_scores_on_another_panels_bounds_read_on_their_scale():
    kommuner = sdsn.normalised_scores(panel([[10.0], [50.0], [90.0]]), specs([3]))
    fylke = sdsn.normalised_scores(panel([[50.0]], places=["03"]), specs([3]), bounds_of=kommuner)
    assert fylke.parameters["bounds"] == kommuner.parameters["bounds"]
    lower, upper = kommuner.parameters["bounds"]["i0"]
    assert fylke.table.iloc[0, 0] == pytest.approx(100 * (50 - lower) / (upper - lower))


def test_relative_ratings_against_peers_rank_as_if_added_to_them():
    kommuner = np.array([[[10.0]], [[20.0]], [[30.0]], [[40.0]]])
    areas = np.array([[[25.0]], [[40.0]], [[99.0]], [[np.nan]]])
    rated = sdsn.relative_ratings(areas, kommuner)[:, 0, 0]
    assert rated[0] == pytest.approx(4 * 2 / 4)
    assert rated[1] == pytest.approx(4 * 3.5 / 4)
    assert rated[2] == 4.0 and np.isnan(rated[3])
