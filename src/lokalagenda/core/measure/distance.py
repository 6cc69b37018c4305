"""Distance to the 2030 end value: the OECD territorial method (``shared/methods/measurement.md`` §3).

``x' = 100·(x − W)/(E − W)`` clipped to [0, 100], where E is the indicator's 2030 end value and W the worst
anchor: by default the 2.5th percentile of all places' values in the indicator's latest year with data (the
97.5th where lower is better, mirroring the SDSN bounds). A goal's index is the mean of its normalised
headline indicators and its distance ``100 − index``. Indicators without an end value get no score.

A place's distance is compared with its peers': the median distance of each peer group it belongs to (size
class, fylke, KOSTRA group … any column of the peer table), its difference from that median, and its
percentile among the group (the share of the group's places whose distance is at most its own, in %). The
country comparison is the same against all places.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from lokalagenda.core.i18n import gettext_noop
from lokalagenda.core.measure.normalise import latest_values, normalise
from lokalagenda.core.measure.panel import IndicatorSpecs, Panel, cube_of, goal_means, keys_and_years, long_table
from lokalagenda.core.measure.registry import register
from lokalagenda.core.measure.results import MeasurementError, MethodResult

VERSION = "oecd-territorial-sdg/1"
WORST_PERCENTILE = 2.5
COUNTRY = "country"


def worst_anchor(latest: np.ndarray, higher_is_better: np.ndarray, percentile: float = WORST_PERCENTILE
                 ) -> np.ndarray:
    """Per indicator, the ``percentile`` of the ``[place, indicator]`` values (100 − p where lower is better)."""
    if not latest.size:
        return np.full(latest.shape[1:], np.nan)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # indicators without any value
        low = np.nanpercentile(latest, percentile, axis=0)
        high = np.nanpercentile(latest, 100 - percentile, axis=0)
    return np.where(higher_is_better, low, high)


@register("oecd_normalised", VERSION, "OECD normalised distance scores (0–100) towards the 2030 end values",
          title=gettext_noop("Score towards the 2030 end value (OECD method)"))
def normalised_distance(panel: Panel, specs: IndicatorSpecs, *, end_value: np.ndarray | None = None,
                        worst: np.ndarray | None = None, worst_percentile: float = WORST_PERCENTILE,
                        anchor_year: int | None = None) -> MethodResult:
    """Every value of the panel scored between its worst anchor (0) and its 2030 end value (100).

    Parameters
    ----------
    end_value, worst
        Per indicator (aligned with ``panel.indicators``); ``end_value`` defaults to the catalogue's optimum,
        ``worst`` to the ``worst_percentile`` of the places in ``anchor_year`` (default: each indicator's latest
        year with data).

    Returns
    -------
    MethodResult
        A wide table (one row per place, columns ``(indicator, year)``); ``parameters["anchors"]`` maps each
        indicator to ``[W, E]``.
    """
    end = specs.optimum if end_value is None else np.asarray(end_value, dtype="float64")
    if worst is None:
        worst = worst_anchor(latest_values(panel, anchor_year), specs.higher_is_better, worst_percentile)
    worst = np.asarray(worst, dtype="float64")
    if end.shape != worst.shape or end.shape != (len(panel.indicators),):
        raise MeasurementError("end values and worst anchors need one number per indicator of the panel")
    scores = normalise(panel.values, worst[None, :, None], end[None, :, None])
    parameters = {"worst_percentile": worst_percentile, "anchor_year": anchor_year,
                  "anchors": {str(code): [None if np.isnan(w) else float(w), None if np.isnan(e) else float(e)]
                              for code, w, e in zip(panel.indicators, worst, end, strict=True)}}
    return MethodResult("oecd_normalised", VERSION, parameters, panel.wide(scores))


@register("oecd_goal_distance", VERSION, "OECD goal index (mean of headline indicators) and distance to 2030",
          title=gettext_noop("Distance to the 2030 goals (OECD method)"))
def goal_distance(normalised: MethodResult, specs: IndicatorSpecs) -> MethodResult:
    """Per place, goal and year: the mean of the goal's normalised headline indicators (``index``) and
    ``distance = 100 − index``, as a long table."""
    cube = cube_of(normalised.table)
    _, years = keys_and_years(normalised.table)
    index, _ = goal_means(cube, specs.membership() * specs.headline[:, None])
    table = long_table(normalised.table.index, specs.goals(), years, "goal", {"index": index, "distance": 100 - index})
    return MethodResult("oecd_goal_distance", VERSION, {"indicators": "headline"}, table)


@register("oecd_peer_comparison", VERSION, "A place's distance against its peer groups' and the country's",
          title=gettext_noop("Distance compared with peers (OECD method)"))
def peer_comparison(distances: MethodResult, peers: pd.DataFrame, *, year: int | None = None) -> MethodResult:
    """Compare each place's goal distance with its peers', for one year (default: the latest in the table).

    Parameters
    ----------
    distances
        The result of :func:`goal_distance`.
    peers
        Indexed by place; each column is a peer grouping (e.g. ``size_class``, ``fylke``, ``kostra_group``)
        whose values name each place's group (missing: the place is in no group of that kind).

    Returns
    -------
    MethodResult
        A long table: place, goal, year, comparison (the grouping, or ``country``), group, distance, peers
        (how many places of the group have a distance), peer_median, difference and percentile.
    """
    table = distances.table
    year = int(table["year"].max()) if year is None else year
    rows = table[table["year"] == year]
    parts = [_compare(rows, rows["place"].map(peers[name]), name) for name in peers.columns]
    parts.append(_compare(rows, pd.Series(COUNTRY, index=rows.index), COUNTRY))
    result = pd.concat(parts, ignore_index=True)
    parameters = {"year": year, "groupings": [*map(str, peers.columns), COUNTRY], "statistic": "median"}
    return MethodResult("oecd_peer_comparison", VERSION, parameters, result)


def _compare(rows: pd.DataFrame, group: pd.Series, name: str) -> pd.DataFrame:
    frame = rows[["place", "goal", "year", "distance"]].assign(comparison=name, group=group.to_numpy())
    frame = frame[frame["group"].notna()]
    grouped = frame.groupby(["goal", "group"], sort=False)["distance"]
    frame["peers"] = grouped.transform("count")
    frame["peer_median"] = grouped.transform("median")
    frame["difference"] = frame["distance"] - frame["peer_median"]
    frame["percentile"] = grouped.rank(method="max", pct=True) * 100
    return frame[["place", "goal", "year", "comparison", "group", "distance", "peers", "peer_median",
                  "difference", "percentile"]]
