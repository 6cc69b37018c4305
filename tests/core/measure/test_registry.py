"""Methods are found by name, and every result carries the method's name, version and parameters."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lokalagenda.core.measure import MeasurementError, MethodResult, registry
from lokalagenda.core.measure.panel import IndicatorSpecs, Panel

ALL = {"open_sdg_progress", "sdsn_normalised_scores", "sdsn_goal_scores", "sdsn_index", "sdsn_dashboard",
       "sdsn_goal_dashboard", "sdsn_trends", "sdsn_goal_trends", "oecd_normalised", "oecd_goal_distance",
       "oecd_peer_comparison", "key_result_progress", "current_status", "rate_intervals", "trend_noise"}


def test_every_method_is_registered_by_name():
    assert {method.name for method in registry.methods()} == ALL
    assert all(method.version and method.summary for method in registry.methods())


def test_unknown_method_is_an_error():
    with pytest.raises(MeasurementError, match="unknown measurement method 'nope'"):
        registry.method("nope")


def test_a_name_cannot_be_registered_twice():
    with pytest.raises(MeasurementError):
        registry.register("open_sdg_progress", "x", "another")(lambda: None)


def _check(result: MethodResult, name: str) -> MethodResult:
    assert isinstance(result, MethodResult)
    assert result.method == name and result.version == registry.method(name).version
    assert isinstance(result.parameters, dict)
    return result


def test_every_method_run_by_name_carries_name_version_and_parameters():
    rng = np.random.default_rng(7)
    years = np.arange(2015, 2023)
    panel = Panel(rng.uniform(10, 90, (6, 3, len(years))), np.array([f"{n:04d}" for n in range(6)], dtype=object),
                  np.array(["A", "B", "C"], dtype=object), years)
    specs = IndicatorSpecs.from_frame(pd.DataFrame(
        {"goal": [1, 1, 2], "higher_is_better": [True, False, True], "optimum": [100.0, 0.0, np.nan],
         "green": [80.0, np.nan, np.nan], "yellow": [60.0, np.nan, np.nan], "orange": [40.0, np.nan, np.nan]},
        index=["A", "B", "C"]), panel.indicators)
    run = registry.run
    scores = _check(run("sdsn_normalised_scores", panel, specs), "sdsn_normalised_scores")
    goals = _check(run("sdsn_goal_scores", scores, specs), "sdsn_goal_scores")
    _check(run("sdsn_index", scores, goals), "sdsn_index")
    ratings = _check(run("sdsn_dashboard", scores, specs), "sdsn_dashboard")
    _check(run("current_status", ratings, as_of_year=2022), "current_status")
    _check(run("sdsn_goal_dashboard", ratings, specs), "sdsn_goal_dashboard")
    trends = _check(run("sdsn_trends", scores, specs), "sdsn_trends")
    _check(run("sdsn_goal_trends", trends, specs), "sdsn_goal_trends")
    normalised = _check(run("oecd_normalised", panel, specs), "oecd_normalised")
    distances = _check(run("oecd_goal_distance", normalised, specs), "oecd_goal_distance")
    peers = pd.DataFrame({"size_class": ["s", "s", "m", "m", "l", "l"]}, index=panel.places)
    _check(run("oecd_peer_comparison", distances, peers), "oecd_peer_comparison")
    observations = pd.DataFrame({"series": "x", "year": [2015, 2016], "value": [1.0, 2.0]})
    _check(run("open_sdg_progress", observations), "open_sdg_progress")
    key_results = pd.DataFrame({"start": [0.0], "target": [1.0], "current": [0.5]})
    _check(run("key_result_progress", key_results), "key_result_progress")


def test_records_are_plain_python():
    observations = pd.DataFrame({"series": "x", "year": [2015], "value": [1.0]})
    record = registry.run("open_sdg_progress", observations).records()[0]
    assert record["progress_value"] is None and record["current_year"] == 2015 and record["base_value"] == 1.0
