"""Trends that know their noise: an interval around each yearly value of a share or rate of a known population,
and a trend arrow only where the change is larger than that noise (``trend-noise/1``).

A kommune of 200 residents whose share moves by one person moves by half a percentage point; Oslo's would not
move at all. Statistics offices that colour trends (the Dutch CBS regional monitor, England's Fingertips)
therefore colour a change only when it is statistically clear. This module does the same, in two steps:

* :func:`rate_intervals` — for every value of an indicator with a denominator
  (:data:`~lokalagenda.core.measure.denominators.DENOMINATORS`), the population ``n`` of the value's year (the
  nearest year at most ``max_year_gap`` away) and the interval at ``confidence``: Wilson's for a share, the
  exact Poisson interval (Byar's above 100 events) for a rate (:mod:`~lokalagenda.core.measure.intervals`).
  The residents are not a sample: the interval is that of the underlying rate the year's figure is one
  realisation of (the "natural variation" view the offices above take).
* :func:`trend_noise` — per place and indicator, the two years the SDSN trend compares (its base and end year).
  Where either year's interval is wider than ``max_share_width`` percentage points (a share) or wider than the
  rate itself times ``max_rate_width`` (a rate), nothing sure can be said: ``too_uncertain``. Otherwise the
  change's square-and-add interval (Newcombe's method 10) decides: when it holds 0 the change is within the
  noise, ``no_clear_change``, else it is ``clear`` and the SDSN arrow stands. A square-and-add interval that
  excludes 0 is a test of the difference at the same level, less conservative than asking the two years'
  intervals not to overlap (which tests at about 0.5 % for two 95 % intervals). Estimates of overlapping
  periods (5-year averages) are positively correlated, so treating them as independent errs towards
  ``no_clear_change``.

The trend word stored is then the SDSN word where the change is clear or not assessed (no denominator, no
population), ``no_clear_change`` in place of an arrow of change (``maintaining_achievement`` speaks of levels
and stays), and ``too_uncertain`` in place of any arrow. A goal's trend (SDSN's mean of its indicators' arrows)
reads ``no_clear_change`` as ``stagnating`` and ``too_uncertain`` as no trend (:func:`trends_for_goals`).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from lokalagenda.core.i18n import gettext_noop
from lokalagenda.core.measure import intervals
from lokalagenda.core.measure.denominators import DENOMINATORS, POPULATION_COLUMNS, SHARE, Denominator
from lokalagenda.core.measure.normalise import NO_TREND
from lokalagenda.core.measure.registry import register
from lokalagenda.core.measure.results import MeasurementError, MethodResult

VERSION = "trend-noise/1"
CONFIDENCE, MAX_YEAR_GAP = 0.95, 1
#: Percentage points: a share's interval wider than this says too little.
MAX_SHARE_WIDTH = 20.0
#: A rate's interval wider than the rate itself (times this) says too little.
MAX_RATE_WIDTH = 1.0
CLEAR, NOT_ASSESSED = "clear", "not_assessed"
NO_CLEAR_CHANGE, TOO_UNCERTAIN = "no_clear_change", "too_uncertain"
#: The trend words this method adds to SDSN's.
TRENDS = (NO_CLEAR_CHANGE, TOO_UNCERTAIN)
#: SDSN's words for a change (``maintaining_achievement`` speaks of levels).
CHANGES = ("decreasing", "stagnating", "moderately_improving", "on_track")
_GOAL_WORDS = {NO_CLEAR_CHANGE: "stagnating", TOO_UNCERTAIN: NO_TREND}
INTERVAL_COLUMNS = ["indicator", "place", "year", "value", "n", "lower", "upper"]


def _with_population(values: pd.DataFrame, population: pd.DataFrame, max_gap: int) -> pd.DataFrame:
    """Each value with the population row of the nearest year at most ``max_gap`` away (the earlier on a tie)."""
    missing = [column for column in ("place", "year", *POPULATION_COLUMNS) if column not in population.columns]
    if missing:
        raise MeasurementError(f"the population table lacks the column(s) {', '.join(missing)}")
    left = values.assign(year=values["year"].astype("int64"), row=np.arange(len(values)))
    right = population.assign(year=population["year"].astype("int64"), population_year=population["year"])
    merged = pd.merge_asof(left.sort_values("year", kind="stable"), right.sort_values("year", kind="stable"),
                           on="year", by="place", direction="nearest", tolerance=max_gap)
    return merged.sort_values("row").drop(columns="row").reset_index(drop=True)


@register("rate_intervals", VERSION, "Interval of each yearly value of a share or rate of a known population",
          title=gettext_noop("Uncertainty interval of a share or rate"))
def rate_intervals(values: pd.DataFrame, population: pd.DataFrame, *,
                   denominators: Mapping[str, Denominator] = DENOMINATORS, confidence: float = CONFIDENCE,
                   max_year_gap: int = MAX_YEAR_GAP) -> MethodResult:
    """Intervals of the values (columns indicator, place, year, value) of the indicators in ``denominators``,
    from ``population`` (place, year and the columns of
    :data:`~lokalagenda.core.measure.denominators.POPULATION_COLUMNS`).

    Returns
    -------
    MethodResult
        A long table (indicator, place, year, value, n, lower, upper), limits in the indicator's unit; values
        without a population within ``max_year_gap`` years are left out.
    """
    intervals.z_value(confidence)  # refuses a confidence level outside (0, 1) before any work
    known = values[values["indicator"].isin(list(denominators))].reset_index(drop=True)
    frame = _with_population(known[["indicator", "place", "year", "value"]], population, max_year_gap)
    spec = {field: frame["indicator"].map({code: getattr(d, field) for code, d in denominators.items()})
            for field in ("kind", "population", "per", "factor", "pooled_years")}
    base = np.full(len(frame), np.nan)
    for column in POPULATION_COLUMNS:
        base = np.where(spec["population"] == column, frame[column].to_numpy(dtype="float64"), base)
    n = base * spec["factor"].to_numpy(dtype="float64") * spec["pooled_years"].to_numpy(dtype="float64")
    per, value = spec["per"].to_numpy(dtype="float64"), frame["value"].to_numpy(dtype="float64")
    share = (spec["kind"] == SHARE).to_numpy()
    share_low, share_high = intervals.wilson(value / per * n, n, confidence)
    with np.errstate(divide="ignore", invalid="ignore"):
        count_low, count_high = intervals.poisson(value * n / per, confidence)
        lower = np.where(share, share_low * per, count_low * per / n)
        upper = np.where(share, share_high * per, count_high * per / n)
    table = frame.assign(n=n, lower=lower, upper=upper)[INTERVAL_COLUMNS]
    table = table[np.isfinite(table["lower"]) & np.isfinite(table["upper"])].reset_index(drop=True)
    parameters = {"confidence": confidence, "max_year_gap": max_year_gap,
                  "share": "Wilson score interval", "rate": f"exact Poisson (Byar from {intervals.EXACT_BELOW})",
                  "population": "residents on 1 January (SSB table 07459)",
                  "denominators": {code: d.as_parameters() for code, d in sorted(denominators.items())}}
    return MethodResult("rate_intervals", VERSION, parameters, table)


def _too_wide(rows: pd.DataFrame, kinds: pd.Series, max_share_width: float, max_rate_width: float) -> np.ndarray:
    """Whether each year's interval is too wide to say anything: a share's in percentage points, a rate's
    against the rate itself (a rate of 0 with any interval is too wide: no event says little of a small place)."""
    width = (rows["upper"] - rows["lower"]).to_numpy(dtype="float64")
    limit = np.where(kinds.to_numpy() == SHARE, max_share_width,
                     max_rate_width * np.abs(rows["value"].to_numpy(dtype="float64")))
    return width > limit


@register("trend_noise", VERSION, "Whether each trend's change is larger than the noise of its two years",
          title=gettext_noop("Whether a trend is larger than its noise"))
def trend_noise(interval_result: MethodResult, trend_result: MethodResult, *,
                max_share_width: float = MAX_SHARE_WIDTH, max_rate_width: float = MAX_RATE_WIDTH) -> MethodResult:
    """The noise verdict of each SDSN trend (:func:`~lokalagenda.core.measure.normalise.trends`) from the
    intervals of its base and end year (:func:`rate_intervals`).

    Returns
    -------
    MethodResult
        One row per row of the trends' table, in its order: place, indicator, base_year, end_year, change,
        change_lower, change_upper, verdict (``clear``, ``no_clear_change``, ``too_uncertain``,
        ``not_assessed``), sdsn_trend and trend (the word to show).
    """
    if max_share_width <= 0 or max_rate_width <= 0:
        raise MeasurementError("the widest interval that still says something must be positive")
    trends = trend_result.table[["place", "indicator", "base_year", "end_year", "trend"]].reset_index(drop=True)
    kinds_of = {code: spec["kind"] for code, spec in interval_result.parameters["denominators"].items()}
    years = interval_result.table.rename(columns={"year": "at"})
    ends = {}
    for point in ("base_year", "end_year"):
        keys = trends[["place", "indicator", point]].rename(columns={point: "at"})
        keys["at"] = keys["at"].astype("float64")
        ends[point] = keys.merge(years.assign(at=years["at"].astype("float64")), how="left",
                                 on=["place", "indicator", "at"])
    kinds = trends["indicator"].map(kinds_of)
    start, end = ends["base_year"], ends["end_year"]
    assessed = (start["lower"].notna() & end["lower"].notna()).to_numpy()
    too_wide = (_too_wide(start, kinds, max_share_width, max_rate_width)
                | _too_wide(end, kinds, max_share_width, max_rate_width))
    change, low, high = intervals.difference(
        start["value"].to_numpy(dtype="float64"), (start["lower"].to_numpy(), start["upper"].to_numpy()),
        end["value"].to_numpy(dtype="float64"), (end["lower"].to_numpy(), end["upper"].to_numpy()))
    verdict = np.select([~assessed, too_wide, (low <= 0) & (high >= 0)],
                        [NOT_ASSESSED, TOO_UNCERTAIN, NO_CLEAR_CHANGE], CLEAR)
    sdsn = trends["trend"].to_numpy(dtype=object)
    shown = np.where((verdict == TOO_UNCERTAIN) & (sdsn != NO_TREND), TOO_UNCERTAIN,
                     np.where((verdict == NO_CLEAR_CHANGE) & np.isin(sdsn, CHANGES), NO_CLEAR_CHANGE, sdsn))
    table = trends[["place", "indicator", "base_year", "end_year"]].assign(
        change=change, change_lower=low, change_upper=high, verdict=verdict, sdsn_trend=sdsn, trend=shown)
    parameters = {"max_share_width": max_share_width, "max_rate_width": max_rate_width,
                  "confidence": interval_result.parameters["confidence"],
                  "test": "square-and-add (MOVER) interval of the change excludes 0",
                  "years": "the base and end year of the SDSN trend"}
    return MethodResult("trend_noise", VERSION, parameters, table)


def trends_for_goals(trend_result: MethodResult, noise_result: MethodResult) -> MethodResult:
    """The SDSN trends with each indicator's word as :func:`trend_noise` shows it, read for a goal's mean:
    ``no_clear_change`` counts as ``stagnating``, ``too_uncertain`` as no trend. Same rows and parameters."""
    words = noise_result.table["trend"].map(lambda word: _GOAL_WORDS.get(word, word)).to_numpy()
    table = trend_result.table.reset_index(drop=True).assign(trend=words)
    return MethodResult(trend_result.method, trend_result.version, trend_result.parameters, table)
