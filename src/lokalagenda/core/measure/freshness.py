"""The current status: only values young enough say where a place stands today.

Much official kommune statistics stops in some year (a survey discontinued, a table replaced), and a figure
from 2013 coloured green on a dashboard of 2026 says something the data cannot carry. So the dashboards, goal
scores and the index read each place's *latest value inside a window*: from ``as_of_year − window`` on (the run's
year and the ``window`` years before it, by default ten). An older value gives no current status (no score,
colour or percentile), but it stays in the series, so it still serves as the base of trends and progress.

``as_of_year`` is the year the run is made; the caller passes it, so a run (and a test) is reproducible and
the run can store it with its parameters.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lokalagenda.core.i18n import gettext_noop
from lokalagenda.core.measure.panel import cube_of, keys_and_years
from lokalagenda.core.measure.registry import register
from lokalagenda.core.measure.results import MeasurementError, MethodResult

VERSION = "freshness/1"
#: Years before the run's year whose values still give a current status.
WINDOW = 10


def oldest_year(as_of_year: int, window: int = WINDOW) -> int:
    """The oldest year whose values still give a current status.

    Examples
    --------
    >>> oldest_year(2026)
    2016
    """
    if window < 0:
        raise MeasurementError(f"the freshness window must be 0 years or more, not {window}")
    return as_of_year - window


def too_old(years: np.ndarray, *, as_of_year: int, window: int = WINDOW) -> np.ndarray:
    """Which latest-value years are too old to give a current status (a negative year means no value: not old)."""
    years = np.asarray(years)
    return (years >= 0) & (years < oldest_year(as_of_year, window))


@register("current_status", VERSION, "Each place's latest value within the freshness window: its current status",
          title=gettext_noop("Current status (the latest recent figure)"))
def current(result: MethodResult, *, as_of_year: int, window: int = WINDOW) -> MethodResult:
    """A wide result (one row per place, columns ``(key, year)``: scores, ratings or distances) narrowed to the
    current status: one column per key, of the year ``as_of_year``, holding each place's latest non-missing
    value from :func:`oldest_year` on (``NaN``: none that recent). Goal scores, goal colours and the index
    computed from it read only current values."""
    first = oldest_year(as_of_year, window)
    cube = cube_of(result.table)
    keys, years = keys_and_years(result.table)
    values = np.full(cube.shape[:2], np.nan)
    if cube.shape[2]:
        recent = ~np.isnan(cube) & (years >= first)[None, None, :]
        last = cube.shape[2] - 1 - np.argmax(recent[:, :, ::-1], axis=2)
        picked = np.take_along_axis(cube, last[:, :, None], axis=2)[:, :, 0]
        values = np.where(recent.any(axis=2), picked, np.nan)
    columns = pd.MultiIndex.from_product([keys, [as_of_year]], names=["key", "year"])
    table = pd.DataFrame(values, index=result.table.index, columns=columns)
    return MethodResult("current_status", VERSION,
                        {"as_of_year": as_of_year, "window": window, "oldest_year": first}, table)
