"""Key-result progress of local goals (measurement.md §4)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lokalagenda.core.measure import MeasurementError
from lokalagenda.core.measure.keyresults import key_result_progress, progress_share


def run(start, target, current) -> pd.Series:
    return key_result_progress(pd.DataFrame({"start": [start], "target": [target], "current": [current]})).table.iloc[0]


def test_rising_target():
    row = run(10.0, 20.0, 15.0)
    assert row["progress"] == 0.5 and row["percent"] == 50.0 and not row["complete"]


def test_falling_target():
    row = run(20.0, 10.0, 15.0)
    assert row["progress"] == 0.5 and not row["complete"]
    assert run(20.0, 10.0, 25.0)["progress"] == -0.5


@pytest.mark.parametrize(("current", "complete"), [(19.9, False), (20.0, True), (21.0, True)])
def test_complete_at_100_percent_or_more(current, complete):
    assert bool(run(10.0, 20.0, current)["complete"]) is complete


def test_target_equal_to_start_has_no_progress():
    row = run(5.0, 5.0, 5.0)
    assert np.isnan(row["progress"]) and not row["complete"]


def test_other_columns_are_kept_and_the_method_is_named():
    result = key_result_progress(pd.DataFrame({"goal": ["G1"], "start": [0], "target": [4], "current": [1]}))
    assert result.table["goal"].tolist() == ["G1"]
    assert (result.method, result.parameters) == ("key_result_progress", {"complete_at": 1.0})
    assert progress_share(np.array([0.0]), np.array([4.0]), np.array([1.0])).tolist() == [0.25]


def test_missing_column_is_an_error():
    with pytest.raises(MeasurementError, match="current"):
        key_result_progress(pd.DataFrame({"start": [1], "target": [2]}))
