"""Trends that know their noise: intervals of shares and rates of a known population, and a trend arrow only
where the change is larger than that noise (``trend-noise/1``)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lokalagenda.core.measure import noise, registry
from lokalagenda.core.measure.denominators import RATE, SHARE, Denominator
from lokalagenda.core.measure.results import MeasurementError, MethodResult

DENOMINATORS = {"SHARE": Denominator(SHARE), "RATE": Denominator(RATE, per=1000.0),
                "CHILDREN": Denominator(SHARE, "age_0_17", factor=0.5, pooled_years=2)}


def _population(rows: list[tuple[str, int, float, float]]) -> pd.DataFrame:
    return pd.DataFrame([(place, year, total, children, 0.0, 0.0) for place, year, total, children in rows],
                        columns=["place", "year", "total", "age_0_17", "age_67_plus", "age_80_plus"])


def _values(rows: list[tuple[str, str, int, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["indicator", "place", "year", "value"])


def _trends(rows: list[tuple[str, str, int, int, str]]) -> MethodResult:
    table = pd.DataFrame(rows, columns=["place", "indicator", "base_year", "end_year", "trend"])
    for column in ("base_year", "end_year"):
        table[column] = table[column].astype("Int64")
    return MethodResult("sdsn_trends", "test", {}, table)


def test_a_share_gets_the_wilson_interval_of_its_residents() -> None:
    result = noise.rate_intervals(_values([("SHARE", "a", 2020, 81 / 263 * 100)]),
                                  _population([("a", 2020, 263.0, 50.0)]), denominators=DENOMINATORS)
    row = result.table.iloc[0]
    assert (round(row["lower"], 2), round(row["upper"], 2), row["n"]) == (25.53, 36.62, 263.0)


def test_a_rate_per_1000_gets_the_exact_poisson_interval_of_its_events() -> None:
    """5 events among 1,000 residents: a rate of 5 per 1,000 with the exact limits 1.6235 to 11.668."""
    result = noise.rate_intervals(_values([("RATE", "a", 2020, 5.0)]), _population([("a", 2020, 1000.0, 0.0)]),
                                  denominators=DENOMINATORS)
    row = result.table.iloc[0]
    assert row["lower"] == pytest.approx(1.6235, abs=1e-3) and row["upper"] == pytest.approx(11.668, abs=1e-3)


def test_the_denominator_is_the_named_column_scaled_and_pooled() -> None:
    result = noise.rate_intervals(_values([("CHILDREN", "a", 2020, 50.0)]), _population([("a", 2020, 900, 100)]),
                                  denominators=DENOMINATORS)
    assert result.table["n"].tolist() == [100.0]  # 100 children × 0.5 × 2 years


def test_the_population_of_the_nearest_year_within_the_gap_is_used_and_none_further_away() -> None:
    values = _values([("SHARE", "a", 2021, 10.0), ("SHARE", "a", 2025, 10.0)])
    result = noise.rate_intervals(values, _population([("a", 2020, 500.0, 0.0)]), denominators=DENOMINATORS)
    assert result.table[["year", "n"]].values.tolist() == [[2021, 500.0]]


def test_indicators_without_a_denominator_get_no_interval() -> None:
    result = noise.rate_intervals(_values([("OTHER", "a", 2020, 10.0)]), _population([("a", 2020, 500.0, 0.0)]),
                                  denominators=DENOMINATORS)
    assert result.table.empty


def test_the_run_records_the_version_confidence_and_every_denominator() -> None:
    result = noise.rate_intervals(_values([]), _population([]), denominators=DENOMINATORS, confidence=0.9)
    assert result.provenance()["version"] == noise.VERSION == "trend-noise/1"
    assert result.parameters["confidence"] == 0.9
    assert result.parameters["denominators"]["CHILDREN"] == {"kind": "share", "population": "age_0_17",
                                                             "per": 100.0, "factor": 0.5, "pooled_years": 2,
                                                             "estimated": False}


def test_a_population_table_without_the_columns_is_refused_naming_them() -> None:
    with pytest.raises(MeasurementError, match="age_0_17"):
        noise.rate_intervals(_values([("SHARE", "a", 2020, 1.0)]),
                             pd.DataFrame({"place": ["a"], "year": [2020], "total": [1.0]}),
                             denominators=DENOMINATORS)


def _verdict(start: float, end: float, residents: float, trend: str = "on_track") -> pd.Series:
    values = _values([("SHARE", "a", 2015, start), ("SHARE", "a", 2020, end)])
    population = _population([("a", 2015, residents, 0.0), ("a", 2020, residents, 0.0)])
    found = noise.trend_noise(noise.rate_intervals(values, population, denominators=DENOMINATORS),
                              _trends([("a", "SHARE", 2015, 2020, trend)]))
    return found.table.iloc[0]


def test_a_change_of_a_few_points_in_a_large_kommune_is_clear_and_keeps_its_arrow() -> None:
    row = _verdict(60.0, 63.0, 50_000)
    assert (row["verdict"], row["trend"]) == (noise.CLEAR, "on_track")
    assert row["change_lower"] > 0


def test_the_same_change_among_300_residents_is_no_clear_change() -> None:
    row = _verdict(60.0, 63.0, 300)
    assert (row["verdict"], row["sdsn_trend"], row["trend"]) == (noise.NO_CLEAR_CHANGE, "on_track",
                                                                 noise.NO_CLEAR_CHANGE)
    assert row["change_lower"] < 0 < row["change_upper"]


def test_a_share_of_40_residents_is_too_uncertain_to_say_anything() -> None:
    """Among 40 residents the Wilson interval of 60 per cent is 44.6–73.7, wider than 20 points."""
    row = _verdict(60.0, 30.0, 40, trend="decreasing")
    assert (row["verdict"], row["trend"]) == (noise.TOO_UNCERTAIN, noise.TOO_UNCERTAIN)


def test_maintaining_achievement_speaks_of_levels_and_stays_within_the_noise() -> None:
    assert _verdict(95.0, 95.5, 300, trend="maintaining_achievement")["trend"] == "maintaining_achievement"


def test_a_trend_without_intervals_is_not_assessed_and_unchanged() -> None:
    found = noise.trend_noise(noise.rate_intervals(_values([]), _population([]), denominators=DENOMINATORS),
                              _trends([("a", "OTHER", 2015, 2020, "decreasing")]))
    assert found.table[["verdict", "trend"]].values.tolist() == [[noise.NOT_ASSESSED, "decreasing"]]


def test_a_rate_whose_interval_is_wider_than_the_rate_is_too_uncertain() -> None:
    """3 events a year among 1,000 residents: the exact interval 0.62–8.77 per 1,000 is wider than 3."""
    values = _values([("RATE", "a", 2015, 3.0), ("RATE", "a", 2020, 8.0)])
    population = _population([("a", 2015, 1000.0, 0.0), ("a", 2020, 1000.0, 0.0)])
    found = noise.trend_noise(noise.rate_intervals(values, population, denominators=DENOMINATORS),
                              _trends([("a", "RATE", 2015, 2020, "decreasing")]))
    assert found.table["verdict"].tolist() == [noise.TOO_UNCERTAIN]


def test_a_goal_reads_no_clear_change_as_stagnating_and_too_uncertain_as_no_trend() -> None:
    trends = _trends([("a", "X", 2015, 2020, "on_track"), ("a", "Y", 2015, 2020, "decreasing"),
                      ("a", "Z", 2015, 2020, "on_track")])
    verdicts = MethodResult("trend_noise", noise.VERSION, {}, pd.DataFrame(
        {"trend": [noise.NO_CLEAR_CHANGE, noise.TOO_UNCERTAIN, "on_track"]}))
    assert noise.trends_for_goals(trends, verdicts).table["trend"].tolist() == ["stagnating", "not_available",
                                                                                 "on_track"]


def test_a_width_limit_that_is_not_positive_is_refused() -> None:
    empty = noise.rate_intervals(_values([]), _population([]), denominators=DENOMINATORS)
    with pytest.raises(MeasurementError, match="positive"):
        noise.trend_noise(empty, _trends([]), max_share_width=0)


def test_both_steps_are_registered_methods_with_titles() -> None:
    for name in ("rate_intervals", "trend_noise"):
        assert registry.method(name).version == noise.VERSION
        assert registry.title(name) != name


def test_the_verdict_rows_follow_the_trend_rows() -> None:
    values = _values([("SHARE", place, year, 50.0 + year - 2015) for place in "ba" for year in (2015, 2020)])
    population = _population([(place, year, 10_000.0, 0.0) for place in "ab" for year in (2015, 2020)])
    trends = _trends([("b", "SHARE", 2015, 2020, "on_track"), ("a", "SHARE", 2015, 2020, "on_track")])
    table = noise.trend_noise(noise.rate_intervals(values, population, denominators=DENOMINATORS), trends).table
    assert table["place"].tolist() == ["b", "a"]
    assert np.allclose(table["change"], [5.0, 5.0])
