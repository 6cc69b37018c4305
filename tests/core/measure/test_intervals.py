"""Interval formulas against published values.

* Wilson score intervals: Newcombe, R. G. (1998), "Two-sided confidence intervals for the single proportion:
  comparison of seven methods", Statistics in Medicine 17:857–872, Table II, method 3 (95 %).
* Differences of proportions: Newcombe, R. G. (1998), "Interval estimation for the difference between
  independent proportions: comparison of eleven methods", Statistics in Medicine 17:873–890, Table II, method 10.
* Exact Poisson limits, 95 %: Garwood, F. (1936), "Fiducial limits for the Poisson distribution", Biometrika
  28:437–442, in the chi-square form of Ulm, K. (1990), American Journal of Epidemiology 131:373–375
  (L = χ²(0.025; 2x)/2, U = χ²(0.975; 2x + 2)/2), rounded as the printed exact-Poisson tables give them.
"""

from __future__ import annotations

import numpy as np
import pytest

from lokalagenda.core.measure import intervals
from lokalagenda.core.measure.results import MeasurementError

NEWCOMBE_WILSON = [  # successes, n, lower, upper
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0000, 0.1611),
    (1, 29, 0.0061, 0.1718),
    (29, 29, 0.8830, 1.0000),
    (0, 10, 0.0000, 0.2775),
]
NEWCOMBE_DIFFERENCE = [  # x1, n1, x2, n2, lower, upper of x1/n1 − x2/n2
    (56, 70, 48, 80, 0.0524, 0.3339),
    (9, 10, 3, 10, 0.1705, 0.8090),
    (6, 7, 2, 7, 0.0582, 0.8062),
    (5, 56, 0, 29, -0.0381, 0.1926),
    (0, 10, 0, 20, -0.1611, 0.2775),
    (10, 10, 0, 20, 0.6791, 1.0000),
]
GARWOOD_95 = [  # count, lower, upper
    (0, 0.0, 3.689),
    (1, 0.0253, 5.572),
    (2, 0.2422, 7.225),
    (5, 1.6235, 11.668),
    (10, 4.7954, 18.390),
    (20, 12.217, 30.888),
    (50, 37.111, 65.919),
]


@pytest.mark.parametrize(("successes", "n", "lower", "upper"), NEWCOMBE_WILSON)
def test_wilson_limits_match_newcombe_1998(successes: int, n: int, lower: float, upper: float) -> None:
    low, high = intervals.wilson(np.array([successes], dtype=float), np.array([n], dtype=float))
    assert (round(float(low[0]), 4), round(float(high[0]), 4)) == (lower, upper)


@pytest.mark.parametrize(("x1", "n1", "x2", "n2", "lower", "upper"), NEWCOMBE_DIFFERENCE)
def test_difference_limits_match_newcombe_method_10(x1: int, n1: int, x2: int, n2: int, lower: float,
                                                    upper: float) -> None:
    start = intervals.wilson(np.array([x2], dtype=float), np.array([n2], dtype=float))
    end = intervals.wilson(np.array([x1], dtype=float), np.array([n1], dtype=float))
    _change, low, high = intervals.difference(np.array([x2 / n2]), start, np.array([x1 / n1]), end)
    assert (round(float(low[0]), 4), round(float(high[0]), 4)) == (lower, upper)


@pytest.mark.parametrize(("count", "lower", "upper"), GARWOOD_95)
def test_poisson_limits_match_the_exact_table(count: int, lower: float, upper: float) -> None:
    low, high = intervals.poisson(np.array([float(count)]))
    assert float(low[0]) == pytest.approx(lower, abs=6e-4)
    assert float(high[0]) == pytest.approx(upper, abs=6e-4)


def test_byars_limits_above_the_switch_are_within_a_thousandth_of_the_exact_ones() -> None:
    z = intervals.z_value(0.95)
    for count in (intervals.EXACT_BELOW, intervals.EXACT_BELOW + 50, 1000):
        exact_low, exact_high = intervals._exact(count, 0.05)
        byar_low, byar_high = intervals._byar(np.array([float(count)]), z)
        assert abs(float(byar_low[0]) / exact_low - 1) < 1e-3
        assert abs(float(byar_high[0]) / exact_high - 1) < 1e-3


def test_a_wider_confidence_level_gives_a_wider_interval() -> None:
    narrow = intervals.wilson(np.array([30.0]), np.array([100.0]), 0.90)
    wide = intervals.wilson(np.array([30.0]), np.array([100.0]), 0.99)
    assert wide[0][0] < narrow[0][0] and wide[1][0] > narrow[1][0]


def test_no_population_and_missing_counts_give_no_interval() -> None:
    low, high = intervals.wilson(np.array([1.0, 1.0]), np.array([0.0, np.nan]))
    assert np.isnan(low).all() and np.isnan(high).all()
    low, high = intervals.poisson(np.array([np.nan, -1.0]))
    assert np.isnan(low).all() and np.isnan(high).all()


@pytest.mark.parametrize("confidence", [0.0, 1.0, 95.0])
def test_a_confidence_level_outside_0_and_1_is_refused_with_its_value(confidence: float) -> None:
    with pytest.raises(MeasurementError, match=str(confidence)):
        intervals.z_value(confidence)
