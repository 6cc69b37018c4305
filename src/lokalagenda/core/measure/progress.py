"""Progress status of a time series: the Open SDG method (sdg-build 2.4.0, Statistics Canada's methodology).

For each series: the compound annual growth rate (CAGR) from the base year to the latest year, turned into a
*progress value* (without a target: the signed CAGR; with one: the CAGR as a share of the CAGR the target
needs), a *status* word and a *score* in [−5, 5]. An indicator's score is the mean of its series' scores.
The rules, edge cases included, are those of ``shared/methods/measurement.md`` §1; where that file is silent,
sdg-build's ``sdg/ProgressMeasure.py`` decides:

* the limit coefficient uses the base value as observed (a base of 0 counts as 0 there), while the growth
  rates and the opposite-sign check use the base value after 0 → 0.001, as sdg-build does;
* a series whose target is achieved is ``target_achieved`` with score 5 even when its progress value cannot
  be computed (one year of data, opposite signs, a base year after the latest year);
* a required growth that is not a real number (target and base value of opposite signs, with a period other
  than ±1 year) or whose period is zero (target year = base year) leaves the progress value ``None``
  (sdg-build fails there).

:func:`progress_status` computes every series at once with numpy: the observations are laid out as a dense
``series × year`` matrix, the base and latest years are found with a few array reductions, and every rule is
an array expression. :func:`progress_reference_loop` is the same method written series by series in plain
Python; it exists only so that tests and the benchmark can prove both agree.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd

from lokalagenda.core.i18n import gettext_noop
from lokalagenda.core.measure.registry import register
from lokalagenda.core.measure.results import MeasurementError, MethodResult
from lokalagenda.core.progress import Progress, null_progress

METHOD = "open_sdg_progress"
VERSION = "sdg-build-2.4.0"

TARGET_ACHIEVED, SUBSTANTIAL, MODERATE = "target_achieved", "substantial_progress", "moderate_progress"
LIMITED, DETERIORATION, NOT_AVAILABLE = "limited_progress", "deterioration", "not_available"
#: Open SDG's status words, best first. Result tables hold them as a categorical column.
STATUSES = (TARGET_ACHIEVED, SUBSTANTIAL, MODERATE, LIMITED, DETERIORATION, NOT_AVAILABLE)
STATUS_CODE = {word: code for code, word in enumerate(STATUSES)}

DEFAULT_BASE_YEAR, DEFAULT_TARGET_YEAR = 2015, 2030
THRESHOLDS_WITHOUT_TARGET: Mapping[str, float] = {"high": 0.015, "med": 0.005, "low": 0.0}
THRESHOLDS_WITH_TARGET: Mapping[str, float] = {"high": 0.95, "med": 0.60, "low": 0.0}
LIMIT_EXPONENT = 4.44
#: What a base value or a target of exactly 0 becomes.
ZERO_REPLACEMENT = 0.001
OPTION_COLUMNS = ("direction", "base_year", "target_year", "target", "limit", "high", "med", "low")
RESULT_COLUMNS = ("base_year", "base_value", "current_year", "current_value", "target", "target_year",
                  "direction", "limit", "coefficient", "progress_value", "score", "status", "target_achieved")


@dataclass(frozen=True)
class SeriesOptions:
    """The options of one series (Open SDG's ``progress_calculation_options`` after parsing).

    ``direction`` is +1 (higher is better) or −1; ``target`` and ``limit`` are ``None`` when not set; ``high``,
    ``med`` and ``low`` override the method's default thresholds (Open SDG's ``progress_thresholds``).
    """

    direction: int = -1
    base_year: int = DEFAULT_BASE_YEAR
    target_year: int = DEFAULT_TARGET_YEAR
    target: float | None = None
    limit: float | None = None
    high: float | None = None
    med: float | None = None
    low: float | None = None

    def __post_init__(self) -> None:
        if self.direction not in (1, -1):
            raise MeasurementError(f"direction must be 1 or -1, not {self.direction!r}")

    def parameters(self) -> dict[str, Any]:
        """The options as plain values."""
        return asdict(self)


@dataclass(frozen=True)
class IndicatorProgress:
    """An indicator's progress: the mean score of its series (``None``: none scored), status, target achieved."""

    score: float | None
    status: str
    target_achieved: bool


# ------------------------------------------------------------------------------------------------------------
# The vectorised method
# ------------------------------------------------------------------------------------------------------------


@register(METHOD, VERSION, "Open SDG progress status, score and progress value of every series",
          title=gettext_noop("Progress since the base year (Open SDG method)"))
def progress_status(observations: pd.DataFrame, options: SeriesOptions | pd.DataFrame | None = None, *,
                    keys: Sequence[str] = ("series",), progress: Progress = null_progress) -> MethodResult:
    """The progress of every series of a long table, all series at once.

    Parameters
    ----------
    observations
        One row per observation: the ``keys`` columns name the series, ``year`` (int) and ``value`` (float,
        ``NaN`` = missing, dropped) hold the data.
    options
        One :class:`SeriesOptions` for every series, or a table with any of the columns of
        :data:`OPTION_COLUMNS` (``NaN``: the default) indexed by the series key (a MultiIndex for several keys),
        or by some of the key columns, named (e.g. options per ``indicator`` for series keyed by indicator and
        place); series it does not list get the defaults.
    keys
        The columns that identify a series.
    progress
        Called before and after the computation.

    Returns
    -------
    MethodResult
        One row per series (in order of first appearance): the key columns and :data:`RESULT_COLUMNS`.

    Raises
    ------
    MeasurementError
        If a column is missing or a series has two values for the same year.
    """
    missing = [name for name in (*keys, "year", "value") if name not in observations]
    if missing:
        raise MeasurementError(f"observations lack the column(s) {', '.join(missing)}")
    progress(0, 1, "computing progress status")
    codes, uniques = _factorize_keys(observations, keys)
    params = _parameter_arrays(options, uniques)
    arrays = evaluate_series(codes, observations["year"].to_numpy(dtype="int64"),
                             observations["value"].to_numpy(dtype="float64"), len(uniques), params, names=uniques)
    table = _result_table(uniques, keys, arrays)
    progress(1, 1, "progress status computed")
    parameters = {"options": "per series (see the table)" if isinstance(options, pd.DataFrame)
                  else (options or SeriesOptions()).parameters(),
                  "thresholds_without_target": dict(THRESHOLDS_WITHOUT_TARGET),
                  "thresholds_with_target": dict(THRESHOLDS_WITH_TARGET),
                  "limit_exponent": LIMIT_EXPONENT, "zero_replacement": ZERO_REPLACEMENT}
    return MethodResult(METHOD, VERSION, parameters, table)


def _factorize_keys(observations: pd.DataFrame, keys: Sequence[str]) -> tuple[np.ndarray, pd.Index]:
    """Series codes in order of first appearance, and the series keys."""
    if len(keys) == 1:
        codes, uniques = pd.factorize(observations[keys[0]], use_na_sentinel=False)
        return codes, pd.Index(uniques, name=keys[0])
    codes, uniques = pd.factorize(pd.MultiIndex.from_frame(observations[list(keys)]), use_na_sentinel=False)
    return codes, pd.MultiIndex.from_tuples(list(uniques), names=list(keys))


def _parameter_arrays(options: SeriesOptions | pd.DataFrame | None, uniques: pd.Index) -> dict[str, np.ndarray]:
    """Per-series option arrays aligned with ``uniques``; ``NaN`` where a threshold or target is not set."""
    count = len(uniques)
    if not isinstance(options, pd.DataFrame):
        one = options or SeriesOptions()
        return {name: np.full(count, np.nan if getattr(one, name) is None else getattr(one, name), dtype="float64")
                for name in OPTION_COLUMNS}
    frame = options.reindex(_option_index(options, uniques))
    defaults = SeriesOptions()
    arrays = {}
    for name in OPTION_COLUMNS:
        default = getattr(defaults, name)
        column = frame[name] if name in frame else pd.Series(np.nan, index=frame.index)
        column = pd.to_numeric(column, errors="raise").astype("float64")
        arrays[name] = column.fillna(np.nan if default is None else default).to_numpy()
    if not np.isin(arrays["direction"], (1.0, -1.0)).all():
        raise MeasurementError("every direction must be 1 or -1")
    return arrays


def _option_index(options: pd.DataFrame, uniques: pd.Index) -> pd.Index:
    """The series keys to look the options up by: all of them, or only the key columns the options table is
    indexed by (options per indicator for series keyed by indicator and place)."""
    names = [name for name in options.index.names if name is not None]
    if not names or list(options.index.names) == list(uniques.names):
        if options.index.nlevels != uniques.nlevels:
            raise MeasurementError("the options table must be indexed by the series keys (or name its levels)")
        return uniques
    unknown = [name for name in names if name not in uniques.names]
    if unknown or len(names) != options.index.nlevels:
        raise MeasurementError(f"the options are indexed by {options.index.names}, which are not series keys "
                               f"({', '.join(map(str, uniques.names))})")
    return uniques.droplevel([name for name in uniques.names if name not in names]) if uniques.nlevels > 1 else \
        uniques


def evaluate_series(series: np.ndarray, years: np.ndarray, values: np.ndarray, n_series: int,
                    params: Mapping[str, np.ndarray], names: Sequence[Any] | None = None) -> dict[str, np.ndarray]:
    """The method on plain arrays: observation ``k`` is ``values[k]`` of series ``series[k]`` in ``years[k]``.

    ``params`` maps each name of :data:`OPTION_COLUMNS` to a float array of length ``n_series`` (``NaN``: not
    set; ``direction``, ``base_year`` and ``target_year`` must be set). Returns one array per name of
    :data:`RESULT_COLUMNS`; ``current_year`` is −1 where a series has no data, and ``status`` holds positions
    in :data:`STATUSES`.

    Raises
    ------
    MeasurementError
        If a series has two values for the same year (``names`` name the series in the message).
    """
    matrix, year_axis = _grid(series, years, values, n_series, names)
    ends = _endpoints(matrix, year_axis, params["base_year"].astype("int64"))
    with np.errstate(all="ignore"):
        return _evaluate(ends, params)


def _grid(series: np.ndarray, years: np.ndarray, values: np.ndarray, n_series: int,
          names: Sequence[Any] | None) -> tuple[np.ndarray, np.ndarray]:
    """The ``series × year`` matrix of values (``NaN``: none) and its increasing year axis."""
    year_axis, column = _year_columns(years)
    year_axis = year_axis if len(year_axis) else np.zeros(1, dtype="int64")  # no observations: one empty year
    width = len(year_axis)
    flat = series.astype(np.intp, copy=False) * width + column
    if len(flat) == n_series * width and (flat == np.arange(len(flat))).all():
        return values.reshape(n_series, width).copy(), year_axis  # a complete grid in series and year order
    present = ~np.isnan(values)
    flat, values = flat[present], values[present]
    counts = np.bincount(flat, minlength=n_series * width)
    if (counts > 1).any():
        raise MeasurementError(_duplicates_message(np.flatnonzero(counts > 1), width, year_axis, names))
    matrix = np.full(n_series * width, np.nan)
    matrix[flat] = values
    return matrix.reshape(n_series, width), year_axis


def _year_columns(years: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct years, increasing, and each year's position among them (a lookup table when the years span
    a short range, as they do, else a hash factorisation)."""
    if len(years) and int(years.max()) - int(years.min()) < 100_000:
        offset = years - years.min()
        used = np.bincount(offset) > 0
        position = np.cumsum(used) - 1
        return np.flatnonzero(used) + years.min(), position[offset]
    codes, distinct = pd.factorize(years)
    order = np.argsort(distinct)
    rank = np.empty(len(order), dtype=np.intp)
    rank[order] = np.arange(len(order))
    return np.asarray(distinct, dtype="int64")[order], rank[codes]


def _duplicates_message(cells: np.ndarray, width: int, year_axis: np.ndarray, names: Sequence[str] | None) -> str:
    pairs = [(int(cell // width), int(year_axis[cell % width])) for cell in cells[:10]]
    listed = "; ".join(f"{names[s] if names is not None else s} {year}" for s, year in pairs)
    more = f" and {len(cells) - 10} more" if len(cells) > 10 else ""
    return f"duplicate years (a series has two values for one year): {listed}{more}"


def _endpoints(matrix: np.ndarray, year_axis: np.ndarray, base_year: np.ndarray) -> dict[str, np.ndarray]:
    """Latest year and value; base year (the configured one, else the smallest later year) and value."""
    rows = np.arange(matrix.shape[0])
    has = ~np.isnan(matrix)
    has_data = has.any(axis=1)
    latest = matrix.shape[1] - 1 - np.argmax(has[:, ::-1], axis=1)
    eligible = has & (year_axis[None, :] >= base_year[:, None])
    found = eligible.any(axis=1)
    first = np.argmax(eligible, axis=1)
    return {
        "has_data": has_data, "found_base": found,
        "current_year": np.where(has_data, year_axis[latest], -1),
        "current_value": np.where(has_data, matrix[rows, latest], np.nan),
        "base_year": np.where(found, year_axis[first], base_year),
        "base_value": np.where(found, matrix[rows, first], np.nan),
    }


def _evaluate(ends: Mapping[str, np.ndarray], params: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    direction = params["direction"]
    target = np.where(params["target"] == 0, ZERO_REPLACEMENT, params["target"])
    with_target = ~np.isnan(target)
    observed_base, current = ends["base_value"], ends["current_value"]
    base = np.where(observed_base == 0, ZERO_REPLACEMENT, observed_base)
    achieved = with_target & ~np.isnan(current) & np.where(direction == 1, current >= target, current <= target)
    coefficient = _coefficient(observed_base, params["limit"], with_target)
    high, med, low = _thresholds(params, coefficient, with_target)
    value = _progress_value(ends, base, target, with_target, params)
    score = _score(value, coefficient, high, med, low, with_target)
    score = np.where(achieved, 5.0, score)
    status = np.select([achieved, np.isnan(value), value >= high, value >= med, value >= low],
                       [STATUS_CODE[word] for word in (TARGET_ACHIEVED, NOT_AVAILABLE, SUBSTANTIAL, MODERATE,
                                                       LIMITED)], STATUS_CODE[DETERIORATION]).astype(np.int8)
    return {"base_year": ends["base_year"], "base_value": base, "current_year": ends["current_year"],
            "current_value": current, "target": target, "target_year": params["target_year"].astype("int64"),
            "direction": direction.astype("int64"), "limit": params["limit"], "coefficient": coefficient,
            "progress_value": value, "score": score, "status": status, "target_achieved": achieved}


def _coefficient(observed_base: np.ndarray, limit: np.ndarray, with_target: np.ndarray) -> np.ndarray:
    """The limit adjustment (1 without a limit, and always with a target)."""
    coefficient = np.ones(len(limit))
    limited = ~(np.isnan(limit) | with_target | np.isnan(observed_base))
    b, lim = np.abs(observed_base[limited]), np.abs(limit[limited])
    near = np.where(b <= lim, 1 - (b / lim) ** LIMIT_EXPONENT, 1 - ((2 * lim - b) / lim) ** LIMIT_EXPONENT)
    coefficient[limited] = np.where(b >= 2 * lim, 1.0, near)
    return coefficient


def _thresholds(params: Mapping[str, np.ndarray], coefficient: np.ndarray,
                with_target: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    def level(name: str) -> np.ndarray:
        user = params[name]
        without = np.where(np.isnan(user), THRESHOLDS_WITHOUT_TARGET[name], user) * coefficient
        return np.where(with_target, np.where(np.isnan(user), THRESHOLDS_WITH_TARGET[name], user), without)

    return level("high"), level("med"), level("low")


def _progress_value(ends: Mapping[str, np.ndarray], base: np.ndarray, target: np.ndarray,
                    with_target: np.ndarray, params: Mapping[str, np.ndarray]) -> np.ndarray:
    current, base_year, current_year = ends["current_value"], ends["base_year"], ends["current_year"]
    sign = np.where(ends["base_value"] < 0, -1.0, 1.0)
    span = current_year - base_year
    opposite = ((base > 0) & (current < 0)) | ((base < 0) & (current > 0))
    computable = ends["found_base"] & (span >= 1) & ~opposite
    observed = (current / base) ** (1 / span) - 1
    required = (target / base) ** (1 / (params["target_year"] - base_year)) - 1
    growth = np.where(with_target, sign * params["direction"] * observed / np.abs(required),
                      sign * params["direction"] * observed)
    defined = ~with_target | ((required != 0) & (params["target_year"] != base_year))
    # A growth rate that overflows (a base value so close to 0 that the ratio exceeds the largest float) is not
    # a number either: not available, in the loop below as here.
    return np.where(computable & defined & np.isfinite(growth), growth, np.nan)


def _score(value: np.ndarray, coefficient: np.ndarray, high: np.ndarray, med: np.ndarray, low: np.ndarray,
           with_target: np.ndarray) -> np.ndarray:
    without = np.select(
        [value < low, coefficient == 0, value >= high, value >= med],
        [np.maximum(125 * value - 2.5, -5.0), 5.0, np.minimum(500 * value / coefficient - 5, 5.0),
         250 * value / coefficient - 1.25],
        500 * value / coefficient - 2.5)
    with_ = np.where(value >= med, np.minimum(7.1429 * value - 4.2857, 5.0), np.maximum(4.1667 * value - 2.5, -5.0))
    return np.where(np.isnan(value), np.nan, np.where(with_target, with_, without))


def _result_table(uniques: pd.Index, keys: Sequence[str], arrays: Mapping[str, np.ndarray]) -> pd.DataFrame:
    columns: dict[str, Any] = {name: arrays[name] for name in RESULT_COLUMNS}
    columns["status"] = pd.Categorical.from_codes(arrays["status"], categories=STATUSES)
    columns["current_year"] = pd.array(arrays["current_year"], dtype="Int64")
    columns["current_year"][arrays["current_year"] < 0] = pd.NA
    if isinstance(uniques, pd.MultiIndex):
        return pd.concat([uniques.to_frame(index=False), pd.DataFrame(columns)], axis=1)
    return pd.DataFrame({keys[0]: uniques.to_numpy(), **columns})


# ------------------------------------------------------------------------------------------------------------
# Indicators: the mean of their series' scores
# ------------------------------------------------------------------------------------------------------------


def status_from_score(score: float | None, target_achieved: bool = False) -> str:
    """An indicator's status from its score: 2.5 ≤ s substantial, 0 ≤ s moderate, −2.5 ≤ s limited, else
    deterioration; ``target_achieved`` first, ``not_available`` without a score."""
    if score is None or math.isnan(score):
        return NOT_AVAILABLE
    if target_achieved:
        return TARGET_ACHIEVED
    if score >= 2.5:
        return SUBSTANTIAL
    if score >= 0:
        return MODERATE
    return LIMITED if score >= -2.5 else DETERIORATION


#: A series' ``(score, target_achieved)``; a list of them is a group.
ScorePair = tuple[float | None, bool]


def indicator_progress(items: Sequence[ScorePair | list[ScorePair]]) -> IndicatorProgress:
    """An indicator's progress from its series' ``(score, target_achieved)`` pairs.

    An item that is a *list* of pairs is a group (Open SDG's ``group``): its scored series are averaged first
    and then count as one item, which achieved its target only if each of them did. The indicator's score is
    the mean of the scored items; its target is achieved only if every scored item's is.

    Examples
    --------
    >>> indicator_progress([(5.0, True), [(-5.0, False), (1.0, False)]])
    IndicatorProgress(score=1.0, status='moderate_progress', target_achieved=False)
    """
    scored: list[tuple[float, bool]] = []
    for item in items:
        score, achieved = _group_item(item) if isinstance(item, list) else item
        if score is not None and not math.isnan(score):
            scored.append((float(score), bool(achieved)))
    if not scored:
        return IndicatorProgress(None, NOT_AVAILABLE, False)
    score = float(np.mean([score for score, _ in scored]))
    achieved = all(achieved for _, achieved in scored)
    return IndicatorProgress(score, status_from_score(score, achieved), achieved)


def _group_item(group: list[ScorePair]) -> ScorePair:
    scored = [(float(score), bool(achieved)) for score, achieved in group
              if score is not None and not math.isnan(score)]
    if not scored:
        return None, False
    return float(np.mean([score for score, _ in scored])), all(achieved for _, achieved in scored)


def indicator_scores(table: pd.DataFrame, by: Sequence[str]) -> pd.DataFrame:
    """The indicator-level score, status and target achieved for every group ``by`` of a series result table
    (no sub-series groups), vectorised: one row per group."""
    scored = table[table["score"].notna()]
    grouped = scored.groupby(list(by), sort=False, dropna=False)
    summary = pd.DataFrame({"score": grouped["score"].mean(), "target_achieved": grouped["target_achieved"].all()})
    everything = table[list(by)].drop_duplicates().set_index(list(by))
    summary = everything.join(summary, how="left").reset_index()
    summary["target_achieved"] = summary["target_achieved"].fillna(False).astype(bool)
    score = summary["score"].to_numpy(dtype="float64")
    summary["status"] = np.select(
        [np.isnan(score), summary["target_achieved"].to_numpy(), score >= 2.5, score >= 0, score >= -2.5],
        [NOT_AVAILABLE, TARGET_ACHIEVED, SUBSTANTIAL, MODERATE, LIMITED], DETERIORATION)
    return summary


# ------------------------------------------------------------------------------------------------------------
# The same method, one series at a time (for tests and the benchmark only)
# ------------------------------------------------------------------------------------------------------------


def progress_reference_loop(observations: pd.DataFrame, options: SeriesOptions | pd.DataFrame | None = None, *,
                            keys: Sequence[str] = ("series",)) -> pd.DataFrame:
    """:func:`progress_status`'s table, computed with a plain Python loop over the series, one at a time.

    Only for proving the vectorised method right (tests) and measuring how much faster it is (benchmark).
    """
    points: dict[Any, dict[int, float]] = {}
    key_columns = zip(*[observations[name].tolist() for name in keys], strict=True)
    rows_in = zip(key_columns, observations["year"].tolist(), observations["value"].tolist(), strict=True)
    for key, year, value in rows_in:
        series = points.setdefault(key if len(keys) > 1 else key[0], {})
        if value is None or math.isnan(value):
            continue
        if int(year) in series:
            raise MeasurementError(f"duplicate years (a series has two values for one year): {key} {year}")
        series[int(year)] = float(value)
    rows = []
    for key, series in points.items():
        row = _reference_series(series, _options_for(options, key))
        rows.append({**dict(zip(keys, key if len(keys) > 1 else (key,), strict=True)), **row})
    table = pd.DataFrame(rows, columns=[*keys, *RESULT_COLUMNS])
    table["current_year"] = table["current_year"].astype("Int64")
    table["status"] = pd.Categorical(table["status"], categories=STATUSES)
    return table


def _options_for(options: SeriesOptions | pd.DataFrame | None, key: Any) -> SeriesOptions:
    if not isinstance(options, pd.DataFrame):
        return options or SeriesOptions()
    if key not in options.index:
        return SeriesOptions()
    row = options.loc[key]
    given = {name: row[name] for name in OPTION_COLUMNS if name in row and not pd.isna(row[name])}
    for name in ("direction", "base_year", "target_year"):
        if name in given:
            given[name] = int(given[name])
    return SeriesOptions(**{name: value if isinstance(value, int) else float(value)
                            for name, value in given.items()})


def _reference_series(series: Mapping[int, float], options: SeriesOptions) -> dict[str, Any]:
    """One series' row, following sdg-build's ``SeriesProgress`` step by step."""
    target = ZERO_REPLACEMENT if options.target == 0 else options.target
    row: dict[str, Any] = {"base_year": options.base_year, "base_value": math.nan, "current_year": None,
                           "current_value": math.nan, "target": math.nan if target is None else target,
                           "target_year": options.target_year, "direction": options.direction,
                           "limit": math.nan if options.limit is None else options.limit, "coefficient": 1.0,
                           "progress_value": math.nan, "score": math.nan, "status": NOT_AVAILABLE,
                           "target_achieved": False}
    if not series:
        return row
    current_year = max(series)
    current = series[current_year]
    later = [year for year in series if year >= options.base_year]
    base_year = min(later) if later else None
    observed_base = series[base_year] if base_year is not None else None
    achieved = target is not None and (current <= target if options.direction == -1 else current >= target)
    coefficient = _reference_coefficient(observed_base, options.limit if target is None else None)
    high, med, low = _reference_thresholds(options, target is not None, coefficient)
    value = None
    if base_year is not None and observed_base is not None:
        base = ZERO_REPLACEMENT if observed_base == 0 else observed_base
        row.update(base_year=base_year, base_value=base)
        value = _reference_value(observed_base, base, current, base_year, current_year, target, options)
    row.update(current_year=current_year, current_value=current, coefficient=coefficient, target_achieved=achieved,
               progress_value=math.nan if value is None else value)
    row["status"] = _reference_status(value, achieved, high, med, low)
    row["score"] = 5.0 if achieved else _reference_score(value, target is not None, coefficient, high, med, low)
    return row


def _reference_coefficient(base: float | None, limit: float | None) -> float:
    if limit is None or base is None:
        return 1.0
    b, lim = abs(base), abs(limit)
    if b >= 2 * lim:
        return 1.0
    if b <= lim:
        return 1 - (b / lim) ** LIMIT_EXPONENT
    return 1 - ((2 * lim - b) / lim) ** LIMIT_EXPONENT


def _reference_thresholds(options: SeriesOptions, with_target: bool, coefficient: float) -> tuple[float, ...]:
    defaults = THRESHOLDS_WITH_TARGET if with_target else THRESHOLDS_WITHOUT_TARGET
    levels = [defaults[name] if getattr(options, name) is None else getattr(options, name)
              for name in ("high", "med", "low")]
    return tuple(levels) if with_target else tuple(level * coefficient for level in levels)


def _reference_value(observed_base: float, base: float, current: float, base_year: int, current_year: int,
                     target: float | None, options: SeriesOptions) -> float | None:
    if (base > 0 and current < 0) or (base < 0 and current > 0) or current_year - base_year < 1:
        return None
    sign = -1 if observed_base < 0 else 1
    observed = _power(current / base, 1 / (current_year - base_year)) - 1
    if target is None:
        return _finite(sign * options.direction * observed)
    if options.target_year == base_year:
        return None
    required = _power(target / base, 1 / (options.target_year - base_year)) - 1
    if isinstance(required, complex) or required == 0:
        return None
    return _finite(sign * options.direction * observed / abs(required))


def _power(base: float, exponent: float) -> float | complex:
    """``base ** exponent`` as IEEE arithmetic, and so the vectorised path, gives it: a result beyond the largest
    float is infinite (Python raises OverflowError), of the sign an integer exponent gives a negative base."""
    try:
        return base ** exponent
    except OverflowError:
        if base > 0:
            return math.inf
        if float(exponent).is_integer():
            return math.inf if exponent % 2 == 0 else -math.inf
        return math.nan


def _finite(value: float | complex) -> float | None:
    """The value when it is a finite real number, else None (overflow gives inf or nan; see _progress_value)."""
    return value if isinstance(value, float) and math.isfinite(value) else None


def _reference_status(value: float | None, achieved: bool, high: float, med: float, low: float) -> str:
    if achieved:
        return TARGET_ACHIEVED
    if value is None:
        return NOT_AVAILABLE
    if value >= high:
        return SUBSTANTIAL
    if value >= med:
        return MODERATE
    return LIMITED if value >= low else DETERIORATION


def _reference_score(value: float | None, with_target: bool, coefficient: float, high: float, med: float,
                     low: float) -> float:
    if value is None:
        return math.nan
    if with_target:
        return min(7.1429 * value - 4.2857, 5.0) if value >= med else max(4.1667 * value - 2.5, -5.0)
    if value < low:
        return max(125 * value - 2.5, -5.0)
    if coefficient == 0:
        return 5.0
    if value >= high:
        return min(500 * value / coefficient - 5, 5.0)
    if value >= med:
        return 250 * value / coefficient - 1.25
    return 500 * value / coefficient - 2.5
