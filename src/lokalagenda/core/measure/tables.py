"""The tables a measurement run stores, made from the methods' results: per place and indicator (or goal) the
latest value, whether it is too old for a status, the current score, rating and distance, and the place's
percentiles among its size class, fylke and the country.

Plain NumPy and pandas: the Django service (``lokalagenda.measurement.services``) turns these rows into stored
results.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lokalagenda.core.measure import freshness, normalise
from lokalagenda.core.measure import peers as peer_method
from lokalagenda.core.measure.panel import IndicatorSpecs, Panel
from lokalagenda.core.measure.results import MethodResult

#: The groupings every place belongs to once, and the column each one's percentile goes into.
PERCENTILE_GROUPINGS = (("size", "percentile_size"), ("fylke", "percentile_fylke"),
                        ("country", "percentile_country"))


def aligned(panel: Panel, reference: Panel) -> Panel:
    """``panel`` on the indicators and years of ``reference`` (missing ones empty), so methods that take the
    reference's bounds or ranks line up with it.

    Parameters
    ----------
    panel
        The values to align (for instance of fylker and the country).
    reference
        The panel whose indicators and years the result takes (the kommuner's).
    """
    values = np.full((len(panel.places), len(reference.indicators), len(reference.years)), np.nan)
    indicator_at = {code: number for number, code in enumerate(reference.indicators)}
    year_at = {int(year): number for number, year in enumerate(reference.years)}
    for i, code in enumerate(panel.indicators):
        for y, year in enumerate(panel.years):
            if code in indicator_at and int(year) in year_at:
                values[:, indicator_at[code], year_at[int(year)]] = panel.values[:, i, y]
    return Panel(values, panel.places, reference.indicators, reference.years)


def anchors(distances: MethodResult) -> np.ndarray:
    """The worst anchors of an OECD distance result, one per indicator in its order (NaN where it had none)."""
    return np.array([np.nan if pair[0] is None else pair[0] for pair in distances.parameters["anchors"].values()],
                    dtype="float64")


def latest(panel: Panel) -> tuple[np.ndarray, np.ndarray]:
    """Per [place, indicator]: the index of the latest year with a value (-1: none) and that value (NaN: none)."""
    has = ~np.isnan(panel.values)
    last = panel.values.shape[2] - 1 - np.argmax(has[:, :, ::-1], axis=2)
    last = np.where(has.any(axis=2), last, -1)
    value = np.take_along_axis(panel.values, np.maximum(last, 0)[:, :, None], axis=2)[:, :, 0]
    return last, np.where(last >= 0, value, np.nan)


def percentiles(frame: pd.DataFrame, peers: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (place, indicator, score, …) joined with ``peers`` (place, size, fylke, country), with each
    place's percentile (0–100, higher = better) among its size class, its fylke and the country per indicator
    (or goal, in the same column) in ``percentile_size``, ``percentile_fylke`` and ``percentile_country``."""
    joined = frame.join(peers.set_index("place"), on="place")
    for grouping, column in PERCENTILE_GROUPINGS:
        joined[column] = peer_method.percentile_in_groups(joined, ["indicator", grouping])
    return joined


def indicator_frame(panel: Panel, *, scores: MethodResult, ratings: MethodResult, distances: MethodResult,
                    as_of_year: int, window: int) -> pd.DataFrame:
    """Per place and indicator with a value: the latest year and value, whether that is too old to give a
    status, and the current score, rating and distance (missing where it is too old).

    Parameters
    ----------
    panel
        The values the methods read.
    scores, ratings, distances
        The *current* scores, dashboard ratings and OECD distances (place × indicator, as the methods give them
        after :func:`lokalagenda.core.measure.freshness.current`).
    as_of_year, window
        The run's freshness rule: values older than ``as_of_year − window`` are too old.
    """
    last, value = latest(panel)
    years = np.where(last >= 0, panel.years[np.maximum(last, 0)], -1)

    def flat(result: MethodResult) -> np.ndarray:
        return result.table.to_numpy(dtype="float64").ravel()

    frame = pd.DataFrame({
        "place": np.repeat(panel.places, len(panel.indicators)),
        "indicator": np.tile(panel.indicators, len(panel.places)), "year": years.ravel(), "value": value.ravel(),
        "too_old": freshness.too_old(years, as_of_year=as_of_year, window=window).ravel(),
        "score": flat(scores), "rating": flat(ratings), "distance": flat(distances),
    })
    return frame[frame["year"] >= 0]


def goal_frame(panel: Panel, specs: IndicatorSpecs, *, goal_scores: MethodResult, scores: MethodResult,
               year: int) -> pd.DataFrame:
    """Per place and goal (in the column ``indicator``, so :func:`percentiles` ranks goals like indicators): the
    goal score in ``year`` and how many indicators carry it (``scored``).

    Parameters
    ----------
    panel, specs
        The places and the indicators' goals.
    goal_scores
        The goal scores (:func:`lokalagenda.core.measure.normalise.goal_scores`).
    scores
        The current indicator scores the goal scores were made from.
    year
        The run's year.
    """
    by_place = goal_scores.table.xs(year, axis=1, level="year").to_dict(orient="index")
    counts = normalise.scored_indicators(scores, specs).xs(year, axis=1, level="year").to_dict(orient="index")
    return pd.DataFrame([{"place": place, "indicator": int(goal), "score": by_place.get(place, {}).get(goal),
                          "scored": int(counts.get(place, {}).get(goal, 0))}
                         for place in panel.places for goal in specs.goals()],
                        columns=["place", "indicator", "score", "scored"])
