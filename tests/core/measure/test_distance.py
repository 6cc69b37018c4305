"""OECD distance to the 2030 end value (measurement.md §3): constructed checks, anchors, peers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lokalagenda.core.measure import MeasurementError
from lokalagenda.core.measure import distance as oecd
from lokalagenda.core.measure.panel import IndicatorSpecs, Panel


def specs(goal, higher=None, optimum=None, headline=None) -> IndicatorSpecs:
    n = len(goal)
    nan = np.full(n, np.nan)
    return IndicatorSpecs(np.array(goal), np.array(higher or [True] * n),
                          nan.copy() if optimum is None else np.array(optimum, dtype=float), nan, nan, nan,
                          np.array(headline or [True] * n))


def panel(rows, places=None) -> Panel:
    cube = np.asarray(rows, dtype=float)[:, :, None]
    places = places or [f"p{i}" for i in range(cube.shape[0])]
    return Panel(cube, np.array(places, dtype=object), np.array([f"i{i}" for i in range(cube.shape[1])],
                                                                dtype=object), np.array([2024]))


def test_constructed_check_higher_is_better():
    result = oecd.normalised_distance(panel([[85.0]]), specs([1]), end_value=np.array([100.0]),
                                      worst=np.array([40.0]))
    assert result.table.iloc[0, 0] == 75.0
    goal = oecd.goal_distance(result, specs([1])).table.iloc[0]
    assert (goal["index"], goal["distance"]) == (75.0, 25.0)


def test_constructed_check_lower_is_better():
    result = oecd.normalised_distance(panel([[8.0]]), specs([1], higher=[False]), end_value=np.array([5.0]),
                                      worst=np.array([25.0]))
    assert result.table.iloc[0, 0] == pytest.approx(85.0)


def test_constructed_check_goal_index_and_distance():
    data, catalogue = panel([[85.0, 8.0]]), specs([1, 1], higher=[True, False])
    result = oecd.normalised_distance(data, catalogue, end_value=np.array([100.0, 5.0]),
                                      worst=np.array([40.0, 25.0]))
    goal = oecd.goal_distance(result, catalogue).table.iloc[0]
    assert goal["index"] == pytest.approx(80.0) and goal["distance"] == pytest.approx(20.0)
    assert result.parameters["anchors"] == {"i0": [40.0, 100.0], "i1": [25.0, 5.0]}


def test_scores_are_clipped():
    result = oecd.normalised_distance(panel([[110.0], [10.0]]), specs([1]), end_value=np.array([100.0]),
                                      worst=np.array([40.0]))
    assert result.table.iloc[:, 0].tolist() == [100.0, 0.0]


def test_default_worst_anchor_is_the_2_5th_percentile_of_places():
    values = [[float(v), float(v)] for v in range(41)]
    result = oecd.normalised_distance(panel(values), specs([1, 1], higher=[True, False], optimum=[100.0, -10.0]))
    assert result.parameters["anchors"]["i0"] == [1.0, 100.0]
    assert result.parameters["anchors"]["i1"] == [39.0, -10.0]
    assert result.parameters["worst_percentile"] == 2.5


def test_no_end_value_gives_no_score():
    result = oecd.normalised_distance(panel([[5.0]]), specs([1]))
    assert np.isnan(result.table.iloc[0, 0])


def test_only_headline_indicators_count_in_the_goal_index():
    catalogue = specs([1, 1], headline=[True, False])
    result = oecd.normalised_distance(panel([[85.0, 40.0]]), catalogue, end_value=np.array([100.0, 100.0]),
                                      worst=np.array([40.0, 40.0]))
    assert oecd.goal_distance(result, catalogue).table.iloc[0]["distance"] == 25.0


def test_anchors_must_match_the_indicators():
    with pytest.raises(MeasurementError):
        oecd.normalised_distance(panel([[1.0]]), specs([1]), end_value=np.array([1.0, 2.0]))


def test_peer_comparison_with_groups_and_country():
    data = panel([[90.0], [70.0], [55.0], [40.0]], places=["0301", "4601", "4602", "5001"])
    catalogue = specs([1])
    distances = oecd.goal_distance(oecd.normalised_distance(data, catalogue, end_value=np.array([100.0]),
                                                            worst=np.array([40.0])), catalogue)
    peers = pd.DataFrame({"fylke": ["03", "46", "46", "50"], "kostra_group": ["K13", "K13", None, "K13"]},
                         index=["0301", "4601", "4602", "5001"])
    table = oecd.peer_comparison(distances, peers).table.set_index(["comparison", "place"])
    bergen = table.loc[("fylke", "4601")]
    assert bergen["peers"] == 2 and bergen["peer_median"] == pytest.approx(62.5)
    assert bergen["difference"] == pytest.approx(-12.5) and bergen["percentile"] == 50.0
    assert ("kostra_group", "4602") not in table.index
    country = table.loc[("country", "0301")]
    assert country["peers"] == 4 and country["percentile"] == 25.0
