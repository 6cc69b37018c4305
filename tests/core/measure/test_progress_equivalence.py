"""The vectorised progress status equals the per-series reference loop, on random series and options."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lokalagenda.core.measure.progress import progress_reference_loop, progress_status

VALUES = st.one_of(st.just(0.0), st.just(1.0), st.sampled_from([-5.0, 2.5, 100.0]),
                   st.floats(-1e4, 1e4, allow_nan=False, allow_infinity=False), st.none())
OPTIONAL_NUMBER = st.one_of(st.none(), st.just(0.0), st.sampled_from([1.0, 100.0, -3.0]),
                            st.floats(-1e3, 1e3, allow_nan=False, allow_infinity=False))


@st.composite
def series_sets(draw: st.DrawFn) -> tuple[pd.DataFrame, pd.DataFrame]:
    count = draw(st.integers(1, 12))
    rows, options = [], []
    for number in range(count):
        years = draw(st.lists(st.integers(2005, 2030), min_size=0, max_size=8, unique=True))
        rows += [(f"s{number}", year, draw(VALUES)) for year in years]
        if not years:
            rows.append((f"s{number}", 2015, None))
        options.append({
            "direction": draw(st.sampled_from([1, -1])), "base_year": draw(st.integers(2008, 2028)),
            "target_year": draw(st.integers(2012, 2035)), "target": draw(OPTIONAL_NUMBER),
            "limit": draw(OPTIONAL_NUMBER),
            "high": draw(st.one_of(st.none(), st.just(0.02))), "med": None, "low": None,
        })
    frame = pd.DataFrame(rows, columns=["series", "year", "value"]).astype({"value": "float64"})
    table = pd.DataFrame(options, index=[f"s{number}" for number in range(count)]).astype("float64")
    return frame, table


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(series_sets())
def test_vectorised_progress_equals_the_reference_loop(data):
    frame, options = data
    fast = progress_status(frame, options).table
    slow = progress_reference_loop(frame, options)
    assert list(fast["series"]) == list(slow["series"])
    for column in ("status", "target_achieved", "base_year", "current_year", "direction", "target_year"):
        assert fast[column].astype(object).tolist() == slow[column].astype(object).tolist(), column
    for column in ("base_value", "current_value", "target", "limit", "coefficient", "progress_value", "score"):
        np.testing.assert_allclose(fast[column].to_numpy(dtype=float), slow[column].to_numpy(dtype=float),
                                   rtol=1e-9, atol=1e-9, equal_nan=True, err_msg=column)


def test_a_growth_rate_that_overflows_is_not_available_in_both():
    # Found by the property test above: a subnormal base value makes current / base exceed the largest float.
    frame = pd.DataFrame({"series": ["s0"] * 3, "year": [2008, 2005, 2009], "value": [2.225074e-313, 0.0, 1.0]})
    options = pd.DataFrame({"direction": [-1.0], "base_year": [2008.0], "target_year": [2012.0], "target": [0.0],
                            "limit": [np.nan], "high": [np.nan], "med": [np.nan], "low": [np.nan]},
                           index=pd.Index(["s0"], name="series"))
    fast = progress_status(frame, options).table
    slow = progress_reference_loop(frame, options)
    assert fast["status"].astype(object).tolist() == slow["status"].astype(object).tolist() == ["not_available"]
    assert np.isnan(fast["progress_value"].to_numpy(dtype=float)).all()
    assert np.isnan(slow["progress_value"].to_numpy(dtype=float)).all()


def test_a_required_growth_that_overflows_is_infinite_in_both():
    # Found by the property test above: a subnormal target before the base year makes the required growth rate
    # (target / base) ** (1 / (target year - base year)) exceed the largest float; the reference loop raised.
    frame = pd.DataFrame({"series": ["s0"] * 2, "year": [2015, 2016], "value": [0.0, 0.0]})
    options = pd.DataFrame({"direction": [1.0], "base_year": [2008.0], "target_year": [2014.0], "target": [5e-324],
                            "limit": [np.nan], "high": [np.nan], "med": [np.nan], "low": [np.nan]},
                           index=pd.Index(["s0"], name="series"))
    fast = progress_status(frame, options).table
    slow = progress_reference_loop(frame, options)
    assert fast["status"].astype(object).tolist() == slow["status"].astype(object).tolist()
    np.testing.assert_allclose(fast["progress_value"].to_numpy(dtype=float),
                               slow["progress_value"].to_numpy(dtype=float), equal_nan=True)
