"""The freshness window: a value older than the window gives no current status, but it stays in the series that
trends and progress read (constructed numbers)."""

from __future__ import annotations

import numpy as np
import pytest

from lokalagenda.core.measure import MeasurementError, freshness
from lokalagenda.core.measure import normalise as sdsn
from lokalagenda.core.measure.panel import IndicatorSpecs, Panel

YEARS = (2013, 2015, 2016, 2020)


def scores(cube: list[list[list[float]]], years: tuple[int, ...] = YEARS):
    data = Panel(np.asarray(cube, dtype=float), np.array(["p0", "p1"][:len(cube)], dtype=object),
                 np.array([f"i{i}" for i in range(len(cube[0]))], dtype=object), np.array(years))
    bounds = {code: [0.0, 100.0] for code in data.indicators}
    return sdsn.MethodResult("sdsn_normalised_scores", sdsn.VERSION, {"bounds": bounds}, data.wide(data.values))


NAN = np.nan


def test_the_latest_value_inside_the_window_is_the_current_one():
    # i0: latest 2020; i1: latest 2016, the first year inside a 10-year window of 2026; i2: latest 2015, too old.
    result = freshness.current(scores([[[10, 20, 30, 40], [10, 20, 30, NAN], [10, 20, NAN, NAN]]]),
                               as_of_year=2026)
    assert result.table.columns.get_level_values("year").unique().tolist() == [2026]
    current = result.table.iloc[0]
    assert current[("i0", 2026)] == 40 and current[("i1", 2026)] == 30 and np.isnan(current[("i2", 2026)])


def test_the_window_and_the_run_year_are_parameters_stored_with_the_result():
    result = freshness.current(scores([[[10, 20, 30, 40]]]), as_of_year=2026, window=5)
    assert result.method == "current_status" and result.version == freshness.VERSION
    assert result.parameters == {"as_of_year": 2026, "window": 5, "oldest_year": 2021}
    assert np.isnan(result.table.iloc[0, 0])
    wider = freshness.current(scores([[[10, 20, 30, 40]]]), as_of_year=2026, window=11)
    assert wider.table.iloc[0, 0] == 40


def test_a_figure_from_2013_is_too_old_for_a_run_of_2025_with_the_default_window():
    assert freshness.WINDOW == 10
    years = np.array([2013, 2015, 2016, -1])
    assert freshness.too_old(years, as_of_year=2025).tolist() == [True, False, False, False]
    assert freshness.too_old(years, as_of_year=2026).tolist() == [True, True, False, False]


def test_a_negative_window_is_refused():
    with pytest.raises(MeasurementError, match="window"):
        freshness.current(scores([[[10, 20, 30, 40]]]), as_of_year=2026, window=-1)


def test_an_old_value_still_serves_as_the_base_of_a_trend_while_giving_no_status():
    # Scored 2015 and 2016 only; with a run in 2030 both are too old for a status, yet the trend stands.
    cube = [[[NAN, 40, 47, NAN]]]
    result = scores(cube)
    spec = IndicatorSpecs(np.array([1]), np.array([True]), *(np.array([NAN]) for _ in range(4)), np.array([True]))
    current = freshness.current(result, as_of_year=2030)
    assert np.isnan(current.table.iloc[0, 0])
    trend = sdsn.trends(result, spec).table.iloc[0]
    assert trend["base_year"] == 2015 and trend["end_year"] == 2016 and trend["trend"] != sdsn.NO_TREND
