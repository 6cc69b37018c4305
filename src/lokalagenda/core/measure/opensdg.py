"""Open SDG compatibility: an indicator's data CSV and config in, its progress status out, as sdg-build does it.

Open SDG keeps one data CSV per indicator (``Year``, optionally ``Series`` and ``Units``, disaggregation
columns, ``Value``, optionally ``Progress``) and one config (``indicator-config/1-2-1.yml``, or the YAML front
matter of ``meta/1-2-1.md``) whose ``auto_progress_calculation`` and ``progress_calculation_options`` say which
series to measure and how. This module reads both *as sdg-build reads them* — its own light parsing, because
the project's tidy Open SDG reader (:mod:`lokalagenda.core.sources.open_sdg`) drops the ``Progress`` column
and turns ``Series`` into a disaggregation — and computes the result with
:func:`lokalagenda.core.measure.progress.progress_status`.

Reading follows sdg-build (``sdg/ProgressMeasure.py``, ``SeriesProgress.filter_data``):

* cells are read as pandas reads them by default, so an empty cell and the usual NA spellings (``NA``,
  ``N/A``, ``null`` …) are missing; a ``Year`` such as ``2015-16`` counts as its first four characters;
* a ``Progress`` column, when there is one, replaces ``Value``;
* ``unit``, ``series`` and each ``disaggregation`` pair keep the rows whose ``Units``, ``Series`` or named
  column equals the value. When no row has the value (a ``Geography: Canada`` where the national rows leave
  ``Geography`` empty, a series the file has no rows for), the selection is empty and the series is
  ``not_available``, with a warning: no error and no fall-back to the unfiltered rows, as Open SDG 2.4.0 did in
  production (Statistics Canada's indicator 1-4-1, recorded with its result in the data bundle's
  ``recorded/open_sdg/``). When the column itself is missing, sdg-build warns and keeps every row
  (``SeriesProgress.filter_column``), and so does this module. Numbers in the config match numbers in the file
  (``15`` matches ``15.0``); anything else is compared as text;
* without ``disaggregation`` the headline is selected: the rows whose every disaggregation column is empty.
  Disaggregation columns are all columns except those in :data:`NON_DISAGGREGATION_COLUMNS` (sdg-build's
  defaults plus the SDMX attribute columns the project's reader also ignores);
* the selection must be one series: when every selection matched, a ``Series``, ``Units`` or disaggregation
  column with more than one value (empty counts as a value) among the selected rows is an error (naming the
  file, the column, the option and the values left), and so is a year with two values;
* a ``group`` scores as the mean of its members that have a score (a member listed twice counts twice), and the
  indicator as the mean over its top-level entries that have a score, each group counting once.

Config parsing uses PyYAML (``yaml.safe_load``); keys other than those below are ignored, as in Open SDG.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from lokalagenda.core.errors import Location, SourceDataError
from lokalagenda.core.measure.progress import (
    DEFAULT_BASE_YEAR,
    DEFAULT_TARGET_YEAR,
    NOT_AVAILABLE,
    TARGET_ACHIEVED,
    IndicatorProgress,
    SeriesOptions,
    indicator_progress,
    progress_status,
)
from lokalagenda.core.measure.results import optional_float, optional_int

YEAR, VALUE, SERIES_COLUMN, UNIT_COLUMN, PROGRESS_COLUMN = "Year", "Value", "Series", "Units", "Progress"
#: Columns that are never disaggregations: sdg-build's ``non_disaggregation_columns`` and
#: ``observation_attributes`` defaults (``sdg/open_sdg.py``), the ``Progress`` column, and the SDMX attribute
#: columns :mod:`lokalagenda.core.sources.open_sdg` ignores.
NON_DISAGGREGATION_COLUMNS = (
    YEAR, UNIT_COLUMN, SERIES_COLUMN, VALUE, "GeoCode", "Observation status", "Unit multiplier", "Unit measure",
    "UNIT_MEASURE", "SERIES", "COMMENT_TS", "DATA_LAST_UPDATE", "COMMENT_OBS", "SOURCE_DETAIL", PROGRESS_COLUMN,
    "UNIT_MULT", "OBS_STATUS",
)
#: The fields of each series row of the result, in order (the CSV output's columns).
SERIES_FIELDS = ("series", "unit", "disaggregation", "base_year", "base_value", "current_year", "current_value",
                 "target", "target_year", "direction", "limit", "progress_value", "score", "status")
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
OPTIONS_KEY = "progress_calculation_options"


@dataclass(frozen=True)
class SeriesConfig:
    """One entry of ``progress_calculation_options``: which rows make the series, and its options."""

    series: str | None = None
    unit: str | None = None
    disaggregation: tuple[tuple[str, Any], ...] = ()
    options: SeriesOptions = field(default_factory=SeriesOptions)
    where: str = OPTIONS_KEY

    def describe(self) -> str:
        """Which series this is, for messages: ``series 'A', unit 'B', Sex=Female`` or ``the headline``."""
        parts = [f"series {self.series!r}"] if self.series is not None else []
        parts += [f"unit {self.unit!r}"] if self.unit is not None else []
        parts += [f"{name}={value}" for name, value in self.disaggregation]
        return ", ".join(parts) if parts else "the headline"


#: An item of the config: one series, or a group of series averaged into one item.
Item = SeriesConfig | tuple[SeriesConfig, ...]


@dataclass(frozen=True)
class IndicatorConfig:
    """An indicator's progress configuration."""

    auto_progress_calculation: bool
    items: tuple[Item, ...]
    progress_status: str | None = None


@dataclass(frozen=True)
class OpenSdgData:
    """An Open SDG data file's cells as text (``NaN``: missing), under its header. Row ``i`` of ``frame`` is
    row ``i + 2`` of the file as a spreadsheet shows it."""

    frame: pd.DataFrame
    file: str


@dataclass
class ProgressReport:
    """The result of :func:`indicator_report`: the JSON-ready ``result`` and sdg-build's warnings."""

    result: dict[str, Any]
    warnings: list[str] = field(default_factory=list)


# ------------------------------------------------------------------------------------------------------------
# The config
# ------------------------------------------------------------------------------------------------------------


def read_config(path: Path) -> IndicatorConfig:
    """The progress configuration in an Open SDG indicator config (YAML) or metadata file (YAML front matter).

    Raises
    ------
    SourceDataError
        If the file cannot be read, is not YAML, or an option has a value of the wrong kind (the location names
        the option, e.g. ``progress_calculation_options[1].base_year``).
    """
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise SourceDataError([(Location(path), f"cannot read the config: {error}")]) from error
    match = FRONT_MATTER.match(text)
    try:
        document = yaml.safe_load(match.group(1) if match else text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        row = None if mark is None else mark.line + 1
        raise SourceDataError([(Location(path, row), f"not valid YAML: {error}")]) from error
    return parse_config(document if document is not None else {}, file)


def parse_config(document: Any, file: str) -> IndicatorConfig:
    """The progress configuration of an already parsed config document (a mapping).

    Raises
    ------
    SourceDataError
        For every option of the wrong kind, with its key path as the location's column.
    """
    problems: list[tuple[Location, str]] = []
    if not isinstance(document, Mapping):
        raise SourceDataError([(Location(Path(file)), "the config is not a mapping of keys to values")])
    raw = document.get(OPTIONS_KEY) or [{}]
    if not isinstance(raw, list):
        raise SourceDataError([(Location(Path(file), column=OPTIONS_KEY), "must be a list of option mappings")])
    items: list[Item] = []
    for number, entry in enumerate(raw):
        where = f"{OPTIONS_KEY}[{number}]"
        if isinstance(entry, Mapping) and "group" in entry:
            items.append(_group(entry["group"], where, file, problems))
        else:
            items.append(_series_config(entry, where, file, problems))
    if problems:
        raise SourceDataError(problems)
    status = document.get("progress_status")
    return IndicatorConfig(document.get("auto_progress_calculation") is True, tuple(items),
                           None if status is None else str(status))


def _group(entries: Any, where: str, file: str, problems: list[tuple[Location, str]]) -> tuple[SeriesConfig, ...]:
    if not isinstance(entries, list) or not entries:
        problems.append((Location(Path(file), column=f"{where}.group"), "a group must be a non-empty list"))
        return ()
    members = []
    for number, entry in enumerate(entries):
        inner = f"{where}.group[{number}]"
        if isinstance(entry, Mapping) and "group" in entry:
            problems.append((Location(Path(file), column=inner), "groups cannot be nested"))
            continue
        members.append(_series_config(entry, inner, file, problems))
    return tuple(members)


def _series_config(entry: Any, where: str, file: str, problems: list[tuple[Location, str]]) -> SeriesConfig:
    def problem(key: str, message: str) -> None:
        problems.append((Location(Path(file), column=f"{where}.{key}" if key else where), message))

    if not isinstance(entry, Mapping):
        problem("", "each option entry must be a mapping (series, unit, disaggregation, direction …)")
        return SeriesConfig(where=where)
    base_year = _year(entry, "base_year", DEFAULT_BASE_YEAR, problem)
    target_year = _year(entry, "target_year", DEFAULT_TARGET_YEAR, problem)
    target, limit = _number(entry, "target", problem), _number(entry, "limit", problem)
    high, med, low = _thresholds(entry.get("progress_thresholds"), problem)
    options = SeriesOptions(direction=1 if entry.get("direction") == "positive" else -1, base_year=base_year,
                            target_year=target_year, target=target, limit=limit, high=high, med=med, low=low)
    return SeriesConfig(_text(entry.get("series")), _text(entry.get("unit")),
                        _disaggregation(entry.get("disaggregation"), problem), options, where)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _year(entry: Mapping[str, Any], key: str, default: int, problem: Any) -> int:
    value = entry.get(key, default)
    if isinstance(value, bool) or not (isinstance(value, int) or (isinstance(value, float) and value.is_integer())
                                       or (isinstance(value, str) and value.strip().isdigit())):
        problem(key, f"must be a year (a whole number), not {value!r}")
        return default
    return int(value)


def _number(entry: Mapping[str, Any], key: str, problem: Any) -> float | None:
    value = entry.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        problem(key, f"must be a number, not {value!r}")
        return None
    return float(value)


def _thresholds(value: Any, problem: Any) -> tuple[float | None, float | None, float | None]:
    if value is None or value == {}:
        return None, None, None
    if not isinstance(value, Mapping):
        problem("progress_thresholds", "must be a mapping of high, med and low to numbers")
        return None, None, None
    return (_number(value, "high", problem), _number(value, "med", problem), _number(value, "low", problem))


def _disaggregation(value: Any, problem: Any) -> tuple[tuple[str, Any], ...]:
    if value is None or value == []:
        return ()
    pairs = value if isinstance(value, list) else [value]
    if not all(isinstance(pair, Mapping) and "field" in pair and "value" in pair for pair in pairs):
        problem("disaggregation", "must be a list of mappings with a field and a value")
        return ()
    return tuple((str(pair["field"]), pair["value"]) for pair in pairs)


# ------------------------------------------------------------------------------------------------------------
# The data
# ------------------------------------------------------------------------------------------------------------


def read_data(path: Path) -> OpenSdgData:
    """The cells of an Open SDG data CSV (UTF-8), as text; missing cells as pandas reads them by default.

    Raises
    ------
    SourceDataError
        If the file cannot be read, is not UTF-8 or not CSV, or lacks the ``Year`` or ``Value`` column.
    """
    try:
        data = path.read_bytes()
        text = data.decode("utf-8-sig")
    except OSError as error:
        raise SourceDataError([(Location(path), f"cannot read the file: {error.strerror or error}")]) from error
    except UnicodeDecodeError as error:
        row = data[: error.start].count(b"\n") + 1
        raise SourceDataError([(Location(path, row), "the file is not UTF-8 text; save it as UTF-8")]) from error
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str)
    except pd.errors.EmptyDataError as error:
        raise SourceDataError([(Location(path), "the file is empty")]) from error
    except pd.errors.ParserError as error:
        line = re.search(r"line (\d+)", str(error))
        raise SourceDataError([(Location(path, int(line.group(1)) if line else None),
                                f"not a valid CSV file: {error}")]) from error
    missing = [name for name in (YEAR, VALUE) if name not in frame.columns]
    if missing:
        raise SourceDataError([(Location(path, 1, name), "missing column of an Open SDG data file")
                               for name in missing])
    return OpenSdgData(frame, str(path))


def _years(data: OpenSdgData) -> pd.Series:
    """The ``Year`` column as ints (``2015-16`` → 2015 when any year is longer than four characters)."""
    text = data.frame[YEAR]
    if (text.fillna("").str.len() > 4).any():
        text = text.str.slice(0, 4)
    years = pd.to_numeric(text, errors="coerce")
    bad = years.isna() | (years != years.round())
    if bad.any():
        raise SourceDataError([(Location(Path(data.file), int(row) + 2, YEAR),
                                f"not a year: {data.frame[YEAR].iloc[row]!r}")
                               for row in np.flatnonzero(bad.to_numpy())[:50]])
    return years.astype("int64")


def disaggregation_columns(columns: Sequence[str]) -> list[str]:
    """The columns of a data file that are disaggregations."""
    return [name for name in columns if name not in NON_DISAGGREGATION_COLUMNS]


def _matches(cells: pd.Series, wanted: Any) -> pd.Series:
    if isinstance(wanted, (int, float)) and not isinstance(wanted, bool):
        return pd.to_numeric(cells, errors="coerce") == wanted
    return cells == str(wanted)


def _filter(rows: pd.DataFrame, column: str, wanted: Any, config: SeriesConfig, warnings: list[str]) -> pd.DataFrame:
    """Keep the rows whose ``column`` is ``wanted``: none when no row has the value (with a warning; the series
    is then not available), all of them when the column is missing (with a warning, as sdg-build's
    ``filter_column`` does)."""
    if column not in rows.columns:
        warnings.append(f"{config.where}: column {column!r} not found in the data; {config.describe()} "
                        "was not filtered on it")
        return rows
    hit = _matches(rows[column], wanted)
    if not hit.any():
        warnings.append(f"{config.where}: {wanted!r} not found in column {column!r}; {config.describe()} "
                        "has no rows and is not available")
    return rows[hit.to_numpy()]


def select_series(data: OpenSdgData, years: pd.Series, config: SeriesConfig,
                  warnings: list[str]) -> pd.DataFrame:
    """The rows of one configured series: a table of ``year``, ``value`` and ``row`` (the file's row number),
    missing values dropped.

    Raises
    ------
    SourceDataError
        If there is no headline, the selection still holds several series, a value is not a number, or a year
        has two values.
    """
    frame, file = data.frame, Path(data.file)
    value_column = PROGRESS_COLUMN if PROGRESS_COLUMN in frame.columns else VALUE
    rows = frame
    if len(frame.columns) > 2:
        rows = _narrow(frame, config, warnings, file)
    values = rows[value_column]
    present = values.notna().to_numpy()
    numbers = pd.to_numeric(values[present], errors="coerce")
    bad = numbers.isna().to_numpy()
    if bad.any():
        raise SourceDataError([(Location(file, int(index) + 2, value_column), f"not a number: {text!r}")
                               for index, text in values[present][bad].items()][:50])
    selected = pd.DataFrame({"year": years.loc[numbers.index].to_numpy(), "value": numbers.to_numpy(dtype="float64"),
                             "row": numbers.index.to_numpy() + 2})
    _check_years(selected, config, file)
    return selected


def _narrow(frame: pd.DataFrame, config: SeriesConfig, warnings: list[str], file: Path) -> pd.DataFrame:
    selections = [(UNIT_COLUMN, config.unit), (SERIES_COLUMN, config.series)]
    selections = [(column, wanted) for column, wanted in selections if wanted is not None]
    rows = frame
    for column, wanted in [*selections, *config.disaggregation]:
        rows = _filter(rows, column, wanted, config, warnings)
        if rows.empty:
            return rows  # a selection matched no row: the series is not available
    breakdowns = disaggregation_columns(list(frame.columns))
    if not config.disaggregation:
        headline = rows[rows[breakdowns].isna().all(axis=1).to_numpy()] if breakdowns else rows
        if len(headline) == 0 and len(rows) > 0:
            raise SourceDataError([(Location(file), f"{config.where}: no headline rows (rows with every "
                                    f"disaggregation column empty) for {config.describe()}; choose a "
                                    "disaggregation in the config")])
        rows = headline
    for column in [name for name in (SERIES_COLUMN, UNIT_COLUMN) if name in frame.columns] + breakdowns:
        distinct = rows[column].unique()
        if len(distinct) > 1:
            shown = ", ".join("(empty)" if pd.isna(value) else repr(value) for value in distinct[:10])
            raise SourceDataError([(Location(file, column=column), f"{config.where}: the rows for "
                                    f"{config.describe()} still hold several series ({column}: {shown}); "
                                    "choose one with series, unit or disaggregation in the config")])
    return rows


def _check_years(selected: pd.DataFrame, config: SeriesConfig, file: Path) -> None:
    twice = selected["year"].duplicated(keep=False).to_numpy()
    if twice.any():
        raise SourceDataError([(Location(file, int(row), YEAR), f"{config.where}: year {year} has more than one "
                                f"value for {config.describe()}")
                               for year, row in zip(selected["year"][twice], selected["row"][twice], strict=True)])


# ------------------------------------------------------------------------------------------------------------
# The progress of an indicator
# ------------------------------------------------------------------------------------------------------------


def indicator_report(data_path: Path, config_path: Path) -> ProgressReport:
    """Read an Open SDG data CSV and indicator config and compute the indicator's progress (see
    :func:`compute_progress`)."""
    config = read_config(config_path)
    data = read_data(data_path)
    return compute_progress(data, config)


def compute_progress(data: OpenSdgData, config: IndicatorConfig) -> ProgressReport:
    """The progress of an indicator as Open SDG computes it.

    Returns
    -------
    ProgressReport
        ``result`` is ``{"indicator": {"score", "status", "target_achieved"}, "series": [...]}`` with one entry
        per configured series (group members in order) holding :data:`SERIES_FIELDS`. Without
        ``auto_progress_calculation: true`` there are no series and the status is the config's
        ``progress_status`` (else ``not_available``), as in Open SDG.
    """
    if not config.auto_progress_calculation:
        status = config.progress_status or NOT_AVAILABLE
        summary = {"score": None, "status": status, "target_achieved": status == TARGET_ACHIEVED}
        return ProgressReport({"indicator": summary, "series": []})
    warnings: list[str] = []
    flat = [member for item in config.items for member in (item if isinstance(item, tuple) else (item,))]
    years = _years(data)
    parts = [select_series(data, years, member, warnings).assign(series=number) for number, member in enumerate(flat)]
    placeholders = pd.DataFrame({"series": range(len(flat)), "year": [m.options.base_year for m in flat],
                                 "value": np.nan})
    observations = pd.concat([placeholders, *(part[["series", "year", "value"]] for part in parts)],
                             ignore_index=True)
    options = pd.DataFrame([member.options.parameters() for member in flat], index=range(len(flat)))
    table = progress_status(observations, options, keys=("series",)).table
    rows = [_series_row(member, record) for member, record in zip(flat, table.to_dict("records"), strict=True)]
    summary = _summary(config.items, [(row["score"], record["target_achieved"])
                                      for row, record in zip(rows, table.to_dict("records"), strict=True)])
    indicator = {"score": summary.score, "status": summary.status, "target_achieved": summary.target_achieved}
    return ProgressReport({"indicator": indicator, "series": rows}, warnings)


def _series_row(member: SeriesConfig, record: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "series": member.series, "unit": member.unit,
        "disaggregation": {name: value for name, value in member.disaggregation},
        "base_year": optional_int(record["base_year"]), "base_value": _finite(record["base_value"]),
        "current_year": optional_int(record["current_year"]),
        "current_value": _finite(record["current_value"]), "target": _finite(record["target"]),
        "target_year": int(record["target_year"]), "direction": int(record["direction"]),
        "limit": member.options.limit, "progress_value": _finite(record["progress_value"]),
        "score": _finite(record["score"]), "status": str(record["status"]),
    }


def _finite(value: Any) -> float | None:
    """A number JSON can carry: ``None`` for a missing or infinite one."""
    number = optional_float(value)
    return number if number is not None and math.isfinite(number) else None


def _summary(items: Sequence[Item], pairs: list[tuple[float | None, bool]]) -> IndicatorProgress:
    nested: list[Any] = []
    position = 0
    for item in items:
        size = len(item) if isinstance(item, tuple) else 1
        chunk = [(score, bool(achieved)) for score, achieved in pairs[position:position + size]]
        nested.append(chunk if isinstance(item, tuple) else chunk[0])
        position += size
    return indicator_progress(nested)
