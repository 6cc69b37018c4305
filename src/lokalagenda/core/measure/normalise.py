"""Normalised scores, goal scores, the index, dashboard colours and trend arrows: the SDSN SDG Index method.

``shared/methods/measurement.md`` §2, on a :class:`~lokalagenda.core.measure.panel.Panel` of every kommune ×
indicator × year at once:

* **scores** — ``x' = 100·(x − L)/(U − L)`` clipped to [0, 100]. U is the catalogue's 2030 target or technical
  optimum, else the mean of the five best places; L the 2.5th percentile of all places (97.5th where lower is
  better), both over the latest year with data (numpy's linear percentile). Lower-is-better indicators have
  L > U, so the same formula orients the score. Where U = L no score can be given (``NaN``).
* **goal scores** — the mean of a goal's scored indicators (:func:`scored_indicators` counts them); the **index**
  the mean of the goal scores, and no index for a place-year where fewer than 14 of the 17 goals have a score
  (SDSN's 80 % rule; ``min_goals``) or more than 20 % of the indicators have none. An index of a few goals
  would read as a verdict on all 17.
* **dashboard** — the thresholds (green = target reached, then yellow, orange) are normalised like the values
  and a score is interpolated linearly to a rating: 0 at L, 1 at orange, 2 at yellow, 3 at green, 4 at U
  (red 0–1, orange 1–2, yellow 2–3, green 3–4; a boundary belongs to the better colour). Indicators without
  thresholds are rated relative to the peers: 4 × the place's percentile rank (average ranks for ties; a
  single place gets 2) and are listed as relative. A goal's colour comes from its two worst ratings (its only
  rating counts twice).
* **trends** — on scores: required = (green − base score)/(2030 − base year), observed = (latest − base
  score)/(latest year − base year), the linear average annual change; a missing base year may be replaced by
  the closest year at most one year away (the earlier one on a tie), and the years used are the ones in the
  formulas. Without thresholds, green is U (score 100). A goal's trend is the mean of its indicators' trends
  on a 0–4 scale (decreasing 0 … maintaining achievement 4), rounded half up, shown where at least 75 % of its
  indicators have a trend.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from lokalagenda.core.i18n import gettext_noop
from lokalagenda.core.measure.panel import IndicatorSpecs, Panel, cube_of, goal_means, keys_and_years, long_table
from lokalagenda.core.measure.registry import register
from lokalagenda.core.measure.results import MeasurementError, MethodResult

VERSION = "sdsn-sdg-index/2"
LOWER_PERCENTILE, BEST_COUNT, MAX_MISSING_SHARE = 2.5, 5, 0.2
#: The goals there are, and how many of them need a score before a place gets an index (SDSN: 80 %).
GOAL_COUNT, MIN_GOALS = 17, 14
COLOURS = np.array(["red", "orange", "yellow", "green"], dtype=object)
NO_COLOUR = "grey"
TRENDS = ("decreasing", "stagnating", "moderately_improving", "on_track", "maintaining_achievement")
NO_TREND = "not_available"
BASE_YEAR, TARGET_YEAR, MAX_YEAR_GAP, MIN_TREND_SHARE = 2015, 2030, 1, 0.75


def normalise(values: np.ndarray, lower: np.ndarray | float, upper: np.ndarray | float) -> np.ndarray:
    """``100·(x − L)/(U − L)`` clipped to [0, 100]; ``NaN`` where ``x`` is missing or ``U = L``.

    Examples
    --------
    >>> float(normalise(np.array(70.0), 10, 90))
    75.0
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        scores = 100 * (values - lower) / (np.asarray(upper) - lower)
    return np.clip(np.where(np.asarray(upper) == lower, np.nan, scores), 0, 100)


def latest_values(panel: Panel, year: int | None = None) -> np.ndarray:
    """The ``[place, indicator]`` values of ``year``, or per indicator of its latest year with any value."""
    if year is not None:
        if year not in panel.years:
            raise MeasurementError(f"the panel has no year {year}")
        return panel.values[:, :, int(np.searchsorted(panel.years, year))]
    latest = panel.latest_year_index()
    picked = np.take_along_axis(panel.values, np.maximum(latest, 0)[None, :, None], axis=2)[:, :, 0]
    return np.where(latest[None, :] >= 0, picked, np.nan)


def bounds(latest: np.ndarray, higher_is_better: np.ndarray, optimum: np.ndarray, *,
           lower_percentile: float = LOWER_PERCENTILE, best_count: int = BEST_COUNT,
           worst: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Per indicator, the worse bound L and the better bound U from the ``[place, indicator]`` values.

    L is the catalogue's ``worst`` value where given, else the ``lower_percentile`` (its mirror 100 − p where
    lower is better) of the places' values; U the ``optimum`` where given, else the mean of the ``best_count``
    best values (of all there are, if fewer).
    """
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        low = np.nanpercentile(latest, lower_percentile, axis=0) if latest.size else np.zeros(0)
        high = np.nanpercentile(latest, 100 - lower_percentile, axis=0) if latest.size else np.zeros(0)
        oriented = np.where(higher_is_better[None, :], -latest, latest)
        best = np.sort(oriented, axis=0)[:best_count]
        best_mean = np.where(higher_is_better, -1, 1) * np.nanmean(best, axis=0)
    lower = np.where(higher_is_better, low, high)
    if worst is not None:
        lower = np.where(np.isnan(worst), lower, worst)
    upper = np.where(np.isnan(optimum), best_mean, optimum)
    return lower, upper


@register("sdsn_normalised_scores", VERSION, "SDSN normalised scores (0–100) of every place, indicator and year",
          title=gettext_noop("Indicator score from 0 to 100 (SDSN method)"))
def normalised_scores(panel: Panel, specs: IndicatorSpecs, *, lower_percentile: float = LOWER_PERCENTILE,
                      best_count: int = BEST_COUNT, bounds_year: int | None = None,
                      bounds_of: MethodResult | None = None) -> MethodResult:
    """Normalised scores of every value of the panel.

    Parameters
    ----------
    bounds_of
        The scores of another panel with the same indicators whose bounds are used instead of this panel's own:
        fylker and the country are scored on the kommuner's bounds, so their scores read on the same scale.

    Returns
    -------
    MethodResult
        A wide table (one row per place, columns ``(indicator, year)``); ``parameters["bounds"]`` maps each
        indicator to its ``[L, U]``.
    """
    if bounds_of is not None:
        lower, upper = _bounds_of(bounds_of)
        if len(lower) != len(panel.indicators):
            raise MeasurementError("the bounds given have another number of indicators than the panel")
    else:
        lower, upper = bounds(latest_values(panel, bounds_year), specs.higher_is_better, specs.optimum,
                              lower_percentile=lower_percentile, best_count=best_count, worst=specs.worst)
    scores = normalise(panel.values, lower[None, :, None], upper[None, :, None])
    parameters = {"lower_percentile": lower_percentile, "best_count": best_count, "bounds_year": bounds_year,
                  "bounds": {str(code): [_plain(low), _plain(up)]
                             for code, low, up in zip(panel.indicators, lower, upper, strict=True)}}
    return MethodResult("sdsn_normalised_scores", VERSION, parameters, panel.wide(scores))


def _plain(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


def _bounds_of(scores: MethodResult) -> tuple[np.ndarray, np.ndarray]:
    pairs = np.array([[np.nan if v is None else v for v in pair] for pair in scores.parameters["bounds"].values()],
                     dtype="float64").reshape(-1, 2)
    return pairs[:, 0], pairs[:, 1]


def _wide(cube: np.ndarray, places: pd.Index, keys: np.ndarray, years: np.ndarray) -> pd.DataFrame:
    index = pd.MultiIndex.from_product([keys, years], names=["key", "year"])
    return pd.DataFrame(cube.reshape(len(places), -1), index=places, columns=index)


@register("sdsn_goal_scores", VERSION, "SDSN goal scores: the mean of each goal's normalised indicators",
          title=gettext_noop("Goal score (SDSN method)"))
def goal_scores(scores: MethodResult, specs: IndicatorSpecs) -> MethodResult:
    """Goal scores from :func:`normalised_scores`: a wide table, columns ``(goal, year)``."""
    cube = cube_of(scores.table)
    _, years = keys_and_years(scores.table)
    means, _ = goal_means(cube, specs.membership())
    table = _wide(means, scores.table.index, specs.goals(), years)
    return MethodResult("sdsn_goal_scores", VERSION, {"aggregation": "arithmetic mean"}, table)


def scored_indicators(scores: MethodResult, specs: IndicatorSpecs) -> pd.DataFrame:
    """How many indicators carry each goal score: a wide table like :func:`goal_scores`' of counts."""
    _, counts = goal_means(cube_of(scores.table), specs.membership())
    _, years = keys_and_years(scores.table)
    return _wide(counts, scores.table.index, specs.goals(), years).astype("int64")


def goals_measured(goals: MethodResult) -> pd.DataFrame:
    """How many goals have a score, per place (rows) and year (columns)."""
    cube = cube_of(goals.table)
    _, years = keys_and_years(goals.table)
    return pd.DataFrame((~np.isnan(cube)).sum(axis=1), index=goals.table.index, columns=pd.Index(years, name="year"))


@register("sdsn_index", VERSION, "SDSN index: the mean of the goal scores, where at least 14 of the 17 goals have "
                                 "a score and at most 20 % of the indicators are missing",
          title=gettext_noop("SDG index (SDSN method)"))
def sdg_index(scores: MethodResult, goals: MethodResult, *, max_missing_share: float = MAX_MISSING_SHARE,
              min_goals: int = MIN_GOALS) -> MethodResult:
    """The index of every place and year: a table indexed by place with one column per year (``NaN``: no
    index, because fewer than ``min_goals`` goals have a score or more than ``max_missing_share`` of the
    indicators have none)."""
    indicator_cube, goal_cube = cube_of(scores.table), cube_of(goals.table)
    _, years = keys_and_years(goals.table)
    missing = np.isnan(indicator_cube).mean(axis=1) if indicator_cube.shape[1] else np.ones(goal_cube[:, 0].shape)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        index = np.nanmean(goal_cube, axis=1)
    too_few = goals_measured(goals).to_numpy() < min_goals
    index = np.where((missing > max_missing_share) | too_few, np.nan, index)
    table = pd.DataFrame(index, index=scores.table.index, columns=pd.Index(years, name="year"))
    parameters = {"max_missing_share": max_missing_share, "min_goals": min_goals, "goals": GOAL_COUNT}
    return MethodResult("sdsn_index", VERSION, parameters, table)


# ------------------------------------------------------------------------------------------------------------
# Dashboards
# ------------------------------------------------------------------------------------------------------------


def threshold_scores(specs: IndicatorSpecs, lower: np.ndarray, upper: np.ndarray,
                     indicators: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The orange, yellow and green thresholds as scores, and which indicators have thresholds.

    Raises
    ------
    MeasurementError
        If an indicator has only some of the three thresholds, or they are not in order (orange ≤ yellow ≤
        green once normalised).
    """
    given = np.stack([~np.isnan(specs.orange), ~np.isnan(specs.yellow), ~np.isnan(specs.green)])
    partial = given.any(axis=0) & ~given.all(axis=0)
    orange, yellow, green = (normalise(level, lower, upper) for level in (specs.orange, specs.yellow, specs.green))
    scorable = ~np.isnan(orange) & ~np.isnan(yellow) & ~np.isnan(green)  # not where the bounds are equal
    disorder = given.all(axis=0) & scorable & ~((orange <= yellow) & (yellow <= green))
    for mask, problem in ((partial, "has only some of the thresholds green, yellow and orange"),
                          (disorder, "has thresholds out of order (orange, yellow, green must lead to the target)")):
        if mask.any():
            raise MeasurementError(f"indicator(s) {', '.join(map(str, indicators[mask][:10]))} {problem}")
    return orange, yellow, green, given.all(axis=0)


def ratings(scores: np.ndarray, orange: np.ndarray, yellow: np.ndarray, green: np.ndarray) -> np.ndarray:
    """Scores interpolated to the 0–4 rating: 0 at 0, 1 at orange, 2 at yellow, 3 at green, 4 at 100."""
    with np.errstate(divide="ignore", invalid="ignore"):
        top = np.where(100 - green > 0, 3 + (scores - green) / (100 - green), 4.0)
        rating = np.where(scores < orange, scores / orange,
                          np.where(scores < yellow, 1 + (scores - orange) / (yellow - orange),
                                   np.where(scores < green, 2 + (scores - yellow) / (green - yellow), top)))
    return np.where(np.isnan(scores), np.nan, np.clip(rating, 0, 4))


def relative_ratings(cube: np.ndarray, reference: np.ndarray | None = None) -> np.ndarray:
    """4 × each place's percentile rank among the places with a value, per ``[indicator, year]``.

    With a ``reference`` cube (other places, same indicators and years), each value is instead ranked as if it
    were added to the reference's values: share = (reference values below + half of those equal) / their count.
    """
    if reference is not None:
        return _ratings_among(cube, reference)
    places, rest = cube.shape[0], cube.shape[1:]
    frame = pd.DataFrame(cube.reshape(places, -1))
    ranks = frame.rank(axis=0, method="average").to_numpy()
    count = frame.count(axis=0).to_numpy()[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(count > 1, (ranks - 1) / (count - 1), 0.5)
    return np.where(np.isnan(ranks), np.nan, 4 * share).reshape(places, *rest)


def _ratings_among(cube: np.ndarray, reference: np.ndarray) -> np.ndarray:
    if cube.shape[1:] != reference.shape[1:]:
        raise MeasurementError("a reference for relative ratings needs the same indicators and years")
    columns = cube.reshape(cube.shape[0], -1)
    rated = np.full(columns.shape, np.nan)
    for column, known in enumerate(reference.reshape(reference.shape[0], -1).T):
        known = np.sort(known[~np.isnan(known)])
        if not len(known):
            continue
        below = np.searchsorted(known, columns[:, column], side="left")
        equal = np.searchsorted(known, columns[:, column], side="right") - below
        rated[:, column] = 4 * np.clip((below + equal / 2) / len(known), 0, 1)
    return np.where(np.isnan(columns), np.nan, rated).reshape(cube.shape)


def colour_of(rating: np.ndarray) -> np.ndarray:
    """The colour word of each rating (red < 1 ≤ orange < 2 ≤ yellow < 3 ≤ green; ``grey``: no rating)."""
    codes = np.clip(np.floor(np.nan_to_num(rating, nan=0.0)), 0, 3).astype(np.intp)
    return np.where(np.isnan(rating), NO_COLOUR, COLOURS[codes])


@register("sdsn_dashboard", VERSION, "SDSN dashboard ratings (0–4) of every place, indicator and year",
          title=gettext_noop("Status colour of an indicator (SDSN dashboard)"))
def dashboard(scores: MethodResult, specs: IndicatorSpecs, *, peers: MethodResult | None = None) -> MethodResult:
    """Dashboard ratings from :func:`normalised_scores` (wide table like it); ``parameters["relative"]`` lists
    the indicators rated relative to the peers. :func:`colour_of` turns ratings into colours.

    ``peers`` (scores of other places on the same indicators and years) are the places the relative ratings
    rank against instead of each other: a fylke is rated among the kommuner."""
    cube = cube_of(scores.table)
    indicators, _ = keys_and_years(scores.table)
    lower, upper = _bounds_of(scores)
    orange, yellow, green, absolute = threshold_scores(specs, lower, upper, indicators)
    rated = ratings(cube, orange[None, :, None], yellow[None, :, None], green[None, :, None])
    if (~absolute).any():
        reference = None if peers is None else cube_of(peers.table)[:, ~absolute, :]
        rated[:, ~absolute, :] = relative_ratings(cube[:, ~absolute, :], reference)
    parameters = {"anchors": {"red": 0, "orange": 1, "yellow": 2, "green": 3, "upper": 4},
                  "relative": [str(code) for code in indicators[~absolute]]}
    table = pd.DataFrame(rated.reshape(len(scores.table), -1), index=scores.table.index,
                         columns=scores.table.columns)
    return MethodResult("sdsn_dashboard", VERSION, parameters, table)


def goal_colours(worst: np.ndarray, second: np.ndarray) -> np.ndarray:
    """A goal's colour from its two worst ratings: red only if both are red, green only if both are green,
    else yellow if their mean is at least 2, else orange (``grey`` without ratings)."""
    mean = (worst + second) / 2
    colour = np.where(second < 1, "red", np.where(worst >= 3, "green", np.where(mean >= 2, "yellow", "orange")))
    return np.where(np.isnan(worst), NO_COLOUR, colour)


@register("sdsn_goal_dashboard", VERSION, "SDSN goal colours from each goal's two worst indicator ratings",
          title=gettext_noop("Status colour of a goal (SDSN dashboard)"))
def goal_dashboard(ratings_result: MethodResult, specs: IndicatorSpecs) -> MethodResult:
    """Goal colours: a long table (place, goal, year, worst, second_worst, colour)."""
    cube = cube_of(ratings_result.table)
    _, years = keys_and_years(ratings_result.table)
    goals = specs.goals()
    worst = np.full((cube.shape[0], len(goals), cube.shape[2]), np.nan)
    second = worst.copy()
    for number, goal in enumerate(goals):
        ordered = np.sort(cube[:, specs.goal == goal, :], axis=1)
        worst[:, number] = ordered[:, 0]
        second[:, number] = ordered[:, 1] if ordered.shape[1] > 1 else ordered[:, 0]
    second = np.where(np.isnan(second), worst, second)
    table = long_table(ratings_result.table.index, goals, years, "goal",
                  {"worst": worst, "second_worst": second, "colour": goal_colours(worst, second)})
    return MethodResult("sdsn_goal_dashboard", VERSION, {"rule": "mean of the two worst ratings"}, table)


# ------------------------------------------------------------------------------------------------------------
# Trends
# ------------------------------------------------------------------------------------------------------------


def _base_point(cube: np.ndarray, years: np.ndarray, base_year: int, max_gap: int) -> tuple[np.ndarray, np.ndarray]:
    """Per ``[place, indicator]``: the year used as base (the base year, else the closest year at most
    ``max_gap`` away, the earlier on a tie) and the score there (``NaN``: none)."""
    offsets = [0] + [sign * gap for gap in range(1, max_gap + 1) for sign in (-1, 1)]
    year_used = np.full(cube.shape[:2], -1, dtype="int64")
    score = np.full(cube.shape[:2], np.nan)
    for offset in offsets:
        position = np.flatnonzero(years == base_year + offset)
        if not len(position):
            continue
        candidate = cube[:, :, position[0]]
        take = np.isnan(score) & ~np.isnan(candidate)
        score = np.where(take, candidate, score)
        year_used = np.where(take, base_year + offset, year_used)
    return year_used, score


def _end_point(cube: np.ndarray, years: np.ndarray, after: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per ``[place, indicator]``: the latest year with a score after ``after`` and that score."""
    has = ~np.isnan(cube) & (years[None, None, :] > after[:, :, None])
    found = has.any(axis=2)
    last = cube.shape[2] - 1 - np.argmax(has[:, :, ::-1], axis=2)
    score = np.take_along_axis(cube, last[:, :, None], axis=2)[:, :, 0]
    return np.where(found, years[last], -1), np.where(found, score, np.nan)


def trend_words(base: np.ndarray, end: np.ndarray, green: np.ndarray, required: np.ndarray,
                observed: np.ndarray) -> np.ndarray:
    """The trend arrow of each score change (``not_available`` where ``observed`` is missing)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(required > 0, observed / required, np.inf)
    word = np.select([(base >= green) & (end >= green), observed < 0, ratio < 0.5, ratio < 1],
                     ["maintaining_achievement", "decreasing", "stagnating", "moderately_improving"], "on_track")
    return np.where(np.isnan(observed), NO_TREND, word)


@register("sdsn_trends", VERSION, "SDSN trend arrows of every place and indicator",
          title=gettext_noop("Trend of an indicator (SDSN method)"))
def trends(scores: MethodResult, specs: IndicatorSpecs, *, base_year: int = BASE_YEAR,
           target_year: int = TARGET_YEAR, max_gap: int = MAX_YEAR_GAP) -> MethodResult:
    """Trend arrows from :func:`normalised_scores`: a long table (place, indicator, base_year, base_score,
    end_year, end_score, green, required, observed, trend)."""
    cube = cube_of(scores.table)
    indicators, years = keys_and_years(scores.table)
    lower, upper = _bounds_of(scores)
    green = np.where(np.isnan(specs.green), 100.0, normalise(specs.green, lower, upper))[None, :]
    base_used, base = _base_point(cube, years, base_year, max_gap)
    end_year, end = _end_point(cube, years, base_used)
    with np.errstate(divide="ignore", invalid="ignore"):
        required = (green - base) / (target_year - base_used)
        observed = np.where(end_year > 0, (end - base) / (end_year - base_used), np.nan)
    places = np.asarray(scores.table.index, dtype=object)
    table = pd.DataFrame({
        "place": np.repeat(places, len(indicators)), "indicator": np.tile(indicators, len(places)),
        "base_year": base_used.ravel(), "base_score": base.ravel(), "end_year": end_year.ravel(),
        "end_score": end.ravel(), "green": np.broadcast_to(green, base.shape).ravel(),
        "required": required.ravel(), "observed": observed.ravel(),
        "trend": trend_words(base, end, green, required, observed).ravel()})
    for column in ("base_year", "end_year"):
        table[column] = table[column].astype("Int64").mask(table[column] < 0)
    parameters = {"base_year": base_year, "target_year": target_year, "max_year_gap": max_gap}
    return MethodResult("sdsn_trends", VERSION, parameters, table)


@register("sdsn_goal_trends", VERSION, "SDSN goal trends: the mean of the indicators' trends on a 0–4 scale",
          title=gettext_noop("Trend of a goal (SDSN method)"))
def goal_trends(trend_result: MethodResult, specs: IndicatorSpecs, *,
                min_share: float = MIN_TREND_SHARE) -> MethodResult:
    """Goal trends from :func:`trends` (``specs`` aligned with its indicators): a long table (place, goal,
    value, share, trend), where ``share`` is the share of the goal's indicators that have a trend."""
    table = trend_result.table
    place_codes, places = pd.factorize(table["place"])
    indicator_codes, _ = pd.factorize(table["indicator"])
    points = np.full((len(places), len(specs.goal)), np.nan)
    points[place_codes, indicator_codes] = table["trend"].map(
        {word: float(value) for value, word in enumerate(TRENDS)}).to_numpy(dtype="float64")
    membership = specs.membership()
    present = ~np.isnan(points)
    count = present.astype("float64") @ membership
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = (np.where(present, points, 0.0) @ membership) / count
        share = count / membership.sum(axis=0)
    value = np.where(share >= min_share, mean, np.nan)
    codes = np.clip(np.floor(np.nan_to_num(value, nan=0.0) + 0.5).astype(np.intp), 0, 4)
    goals = specs.goals()
    result = pd.DataFrame({
        "place": np.repeat(np.asarray(places, dtype=object), len(goals)), "goal": np.tile(goals, len(places)),
        "value": value.ravel(), "share": share.ravel(),
        "trend": np.where(np.isnan(value), NO_TREND, np.asarray(TRENDS, dtype=object)[codes]).ravel()})
    return MethodResult("sdsn_goal_trends", VERSION, {"min_share": min_share, "scale": list(TRENDS)}, result)
