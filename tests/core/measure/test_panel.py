"""The dense panel and the catalogue arrays the SDSN and OECD methods take."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lokalagenda.core.measure import MeasurementError
from lokalagenda.core.measure.panel import IndicatorSpecs, Panel, cube_of


def tidy(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["place", "indicator", "year", "value"])


def test_panel_from_a_tidy_table_and_back():
    panel = Panel.from_observations(tidy([("4601", "A", 2016, 2.0), ("0301", "A", 2015, 1.0),
                                          ("0301", "B", 2016, np.nan)]))
    assert panel.places.tolist() == ["0301", "4601"] and panel.years.tolist() == [2015, 2016]
    assert panel.indicators.tolist() == ["A", "B"]
    assert panel.values[0, 0, 0] == 1.0 and np.isnan(panel.values[0, 0, 1]) and np.isnan(panel.values[0, 1]).all()
    assert panel.values[1, 0, 1] == 2.0
    np.testing.assert_array_equal(cube_of(panel.wide(panel.values)), panel.values)
    assert panel.latest_year_index().tolist() == [1, -1]


def test_panel_rejects_duplicates_and_disaggregations():
    with pytest.raises(MeasurementError, match="two values"):
        Panel.from_observations(tidy([("0301", "A", 2015, 1.0), ("0301", "A", 2015, 2.0)]))
    table = tidy([("0301", "A", 2015, 1.0)]).assign(disaggregation="sex=female")
    with pytest.raises(MeasurementError, match="totals"):
        Panel.from_observations(table)


def test_panel_shape_and_years_are_checked():
    with pytest.raises(MeasurementError):
        Panel(np.zeros((1, 1, 2)), np.array(["a"]), np.array(["i"]), np.array([2016, 2015]))


def test_specs_from_a_catalogue_table():
    frame = pd.DataFrame({"goal": [3, 1], "higher_is_better": [True, False], "optimum": [1.0, np.nan]},
                         index=["B", "A"])
    specs = IndicatorSpecs.from_frame(frame, ["A", "B"])
    assert specs.goal.tolist() == [1, 3] and specs.goals().tolist() == [1, 3]
    assert specs.headline.tolist() == [True, True] and np.isnan(specs.green).all()
    assert specs.membership().tolist() == [[1.0, 0.0], [0.0, 1.0]]
    with pytest.raises(MeasurementError, match="C"):
        IndicatorSpecs.from_frame(frame, ["A", "C"])
