"""The tables a run stores, made from the methods' results (constructed numbers)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lokalagenda.core.measure import normalise, tables
from lokalagenda.core.measure.panel import IndicatorSpecs, Panel
from lokalagenda.core.measure.results import MethodResult

NAN = np.nan
PLACES = np.array(["0301", "4601"], dtype=object)
INDICATORS = np.array(["i1", "i2"], dtype=object)
YEARS = np.array([2010, 2015, 2020])


def panel(values: list[list[list[float]]]) -> Panel:
    return Panel(np.asarray(values, dtype="float64"), PLACES, INDICATORS, YEARS)


def wide(values: list[list[float]], year: int) -> MethodResult:
    """A current result (place × indicator in ``year``) as freshness.current gives it."""
    columns = pd.MultiIndex.from_product([list(INDICATORS), [year]], names=["indicator", "year"])
    return MethodResult("current", "test/1", {}, pd.DataFrame(values, index=PLACES, columns=columns))


def test_latest_gives_the_last_year_with_a_value_and_that_value():
    last, value = tables.latest(panel([[[1, 2, NAN], [NAN, NAN, NAN]], [[NAN, 5, 6], [7, NAN, NAN]]]))
    assert last.tolist() == [[1, -1], [2, 0]]
    assert value[0, 0] == 2 and np.isnan(value[0, 1]) and value[1, 0] == 6 and value[1, 1] == 7


def test_aligned_puts_values_on_the_reference_indicators_and_years_and_leaves_the_rest_empty():
    reference = Panel(np.zeros((1, 2, 2)), np.array(["9999"], dtype=object), np.array(["i2", "i3"], dtype=object),
                      np.array([2015, 2020]))
    result = tables.aligned(panel([[[1, 2, 3], [4, 5, 6]], [[NAN, NAN, NAN], [7, 8, 9]]]), reference)
    assert result.indicators.tolist() == ["i2", "i3"] and result.years.tolist() == [2015, 2020]
    assert result.places.tolist() == ["0301", "4601"]
    assert result.values[:, 0, :].tolist() == [[5, 6], [8, 9]]
    assert np.isnan(result.values[:, 1, :]).all()


def test_anchors_are_the_worst_anchor_per_indicator_with_nan_for_none():
    distances = MethodResult("oecd", "test/1", {"anchors": {"i1": [3.5, 10.0], "i2": [None, 10.0]}}, pd.DataFrame())
    result = tables.anchors(distances)
    assert result[0] == 3.5 and np.isnan(result[1])


def test_percentiles_rank_each_place_within_its_size_class_fylke_and_country():
    frame = pd.DataFrame({"place": ["a", "b", "c", "d"], "indicator": ["i1"] * 4, "score": [10.0, 20.0, 30.0, 40.0]})
    peers = pd.DataFrame({"place": ["a", "b", "c", "d"], "size": ["small", "small", "large", "large"],
                          "fylke": ["03", "46", "46", "46"], "country": ["NO"] * 4})
    result = tables.percentiles(frame, peers).set_index("place")
    assert result["percentile_size"].tolist() == [50.0, 100.0, 50.0, 100.0]
    assert result["percentile_fylke"].tolist() == pytest.approx([100.0, 100 / 3, 200 / 3, 100.0])
    assert result["percentile_country"].tolist() == [25.0, 50.0, 75.0, 100.0]


def test_indicator_frame_keeps_values_with_a_year_and_marks_those_too_old_for_a_status():
    data = panel([[[1, NAN, NAN], [NAN, 2, 3]], [[NAN, NAN, NAN], [4, NAN, NAN]]])
    current = wide([[50.0, 60.0], [NAN, NAN]], 2026)
    ratings = wide([[1.5, 2.5], [NAN, NAN]], 2026)
    distances = wide([[20.0, 30.0], [NAN, NAN]], 2026)
    frame = tables.indicator_frame(data, scores=current, ratings=ratings, distances=distances, as_of_year=2026,
                                   window=10)
    assert frame[["place", "indicator", "year", "value"]].values.tolist() == [
        ["0301", "i1", 2010, 1.0], ["0301", "i2", 2020, 3.0], ["4601", "i2", 2010, 4.0]]
    assert frame["too_old"].tolist() == [True, False, True]
    assert frame["score"].tolist()[:2] == [50.0, 60.0] and np.isnan(frame["score"].tolist()[2])
    assert frame["rating"].tolist()[1] == 2.5 and frame["distance"].tolist()[1] == 30.0


def test_goal_frame_gives_each_place_and_goal_its_score_and_how_many_indicators_carry_it():
    specs = IndicatorSpecs.from_frame(pd.DataFrame({"goal": [3, 3], "higher_is_better": [True, True]},
                                                   index=pd.Index(INDICATORS, name="indicator")), INDICATORS)
    scores = wide([[40.0, 60.0], [80.0, NAN]], 2026)
    frame = tables.goal_frame(panel(np.zeros((2, 2, 3)).tolist()), specs,
                              goal_scores=normalise.goal_scores(scores, specs), scores=scores, year=2026)
    assert frame.values.tolist() == [["0301", 3, 50.0, 2], ["4601", 3, 80.0, 1]]
