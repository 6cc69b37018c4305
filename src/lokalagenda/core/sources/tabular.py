"""Turning a table of text cells (from a CSV file, an Excel sheet, an Open SDG file …) into the tidy table.

Every tabular reader first reads its file into a :class:`pandas.DataFrame` of strings, then calls one of:

* :func:`from_long` — one value a row: columns for the place, the year and the value, optionally the indicator,
  unit and flag, and any other columns as disaggregations (``kjønn``, ``alder`` …);
* :func:`from_wide` — one place a row and one column per year (headers ``2019``, ``2020`` …);
* :func:`from_columns` — when the reader itself knows which column plays which role (Open SDG, SDMX).

Column headers are matched case-insensitively and without spaces, ``_``, ``-`` and ``.`` against the
synonyms in :data:`ROLE_NAMES`. Cells are parsed with Norwegian habits in mind: decimal comma (``12,5``),
space or non-breaking space as thousands separator (``12 345``), and the statistics symbols ``..`` and ``-``
(missing), ``:`` (suppressed) and ``.`` (not applicable).

Everything is vectorised: columns with few distinct cells (place, year, unit, disaggregations) are parsed once
per distinct cell and mapped back, and values are converted by NumPy all at once (a decimal comma too), so only
unusual cells reach Python code; a million rows take about a second. Bad cells become
:class:`~lokalagenda.core.observations.Problem` rows with the row number a spreadsheet shows (header = row 1)
and the column header; the rows they are on are left out of the table.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from lokalagenda.core.cells import unguard
from lokalagenda.core.observations import (
    COUNTRY,
    EMPTY_VALUE_FLAGS,
    FLAGS,
    Problem,
    ReadResult,
    disaggregation_key,
    empty_table,
    normalise,
)
from lokalagenda.core.sources.registry import ReadOptions

Layout = Literal["long", "wide"]

#: The header names each role is recognised by, most specific first: when several columns name the same role,
#: the first in this order is used and the others are ignored (``kommune`` often holds names next to a
#: ``kommunenummer`` column).
ROLE_NAMES: Mapping[str, tuple[str, ...]] = {
    "place": ("kommunenummer", "kommunenr", "municipality_code", "geocode", "place", "region", "kommune",
              "fylkesnummer", "fylkesnr"),
    "year": ("year", "år", "aar", "tid"),
    "value": ("value", "verdi"),
    "indicator": ("indicator", "indicator_id", "indikator"),
    "unit": ("unit", "units", "enhet", "eining"),
    "flag": ("flag", "status"),
    #: The canonical ``key=value;key=value`` text, as :func:`write_excel` and other exports write it.
    "disaggregation": ("disaggregation",),
}
#: Columns that describe rather than break down (names next to codes, comments, our own ``source_row``): they
#: are not made into disaggregations.
IGNORED_NAMES: tuple[str, ...] = (
    "source_row", "kommunenavn", "fylkesnavn", "navn", "name", "place_name", "municipality_name", "region_name",
    "comment", "kommentar", "merknad", "note", "source", "kilde",
)
#: Statistics symbols (Statistics Norway, JSON-stat, Eurostat) that stand for a value that is not there.
SYMBOL_FLAGS: Mapping[str, str] = {
    "": "missing", "..": "missing", "...": "missing", "…": "missing",
    ":": "suppressed", ".": "not_applicable",
}
#: Statistics Norway's symbol for nil: "null, or less than half the unit used". A real zero, not a gap.
NIL_SYMBOLS = frozenset({"-", "\u2212", "\u2013"})
#: What a flag cell may say (compared lower-cased): our flag names, SDMX ``OBS_STATUS`` codes, the statistics
#: symbols, and the common English and Norwegian words.
FLAG_ALIASES: Mapping[str, str] = {
    "": "", "a": "", "normal": "", "normal value": "",
    **{flag: flag for flag in FLAGS},
    **{flag.replace("_", " "): flag for flag in FLAGS},
    **{symbol: flag for symbol, flag in SYMBOL_FLAGS.items() if symbol},
    "e": "estimated", "estimate": "estimated", "estimated value": "estimated", "estimert": "estimated",
    "p": "provisional", "provisional value": "provisional", "foreløpig": "provisional",
    "m": "missing", "o": "missing", "l": "missing", "missing value": "missing", "mangler": "missing",
    "c": "suppressed", "q": "suppressed", "confidential": "suppressed", "confidential statistical information":
        "suppressed", "prikket": "suppressed", "skjult": "suppressed", "konfidensiell": "suppressed",
    "b": "break", "break in series": "break", "time series break": "break", "brudd": "break", "brudd i serien": "break",
    "n/a": "not_applicable", "ikke relevant": "not_applicable",
}
HEADER_SEPARATORS = re.compile(r"[\s_\-.]+")
YEAR_HEADER = re.compile(r"(\d{4})(?:\.0+)?")
PLACE_PATTERNS = (
    re.compile(r"(\d{4}|\d{2}|0)"),
    re.compile(r"NO(\d{2}|\d{4})?", re.IGNORECASE),
    # "0301 Oslo", "K-0301 Oslo", "F-03" (Statistics Norway), "301" or "301.0" (a spreadsheet dropped the zero)
    re.compile(r"(?:[KF]-)?(\d{1,4})(?:\.0+)?(?:\s+\S.*)?", re.IGNORECASE),
)
NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,]\d+)?(?:[eE][+-]?\d+)?")
SPACES = re.compile(r"[ \u00a0\u202f]")
SUB_ANNUAL = re.compile(r"\d{4}\s*-?\s*(?:[QKMSHWUT]\d|\d{2})", re.IGNORECASE)


@dataclass(frozen=True)
class Columns:
    """Which column of a table plays which role; ``None`` when the table has no such column."""

    place: str | None = None
    year: str | None = None
    value: str | None = None
    indicator: str | None = None
    unit: str | None = None
    flag: str | None = None
    disaggregation: str | None = None
    #: Columns whose header (lower-cased) becomes a disaggregation key and whose cells its values.
    breakdowns: tuple[str, ...] = ()
    #: Wide layout: the year columns.
    years: tuple[str, ...] = ()
    #: Columns that are read but not used.
    ignored: tuple[str, ...] = ()

    def roles(self) -> dict[str, str]:
        """The role → header mapping of the single-column roles that are present."""
        names = ("place", "year", "value", "indicator", "unit", "flag", "disaggregation")
        return {name: column for name in names if (column := getattr(self, name)) is not None}


# --- headers ------------------------------------------------------------------------------------------------


def header_text(name: object) -> str:
    """A header cell as text: stripped, ``2020.0`` (a spreadsheet number) as ``2020``, empty for none; without
    the apostrophe our exports put before a formula-like header (see :mod:`lokalagenda.core.cells`)."""
    if name is None or (isinstance(name, float) and math.isnan(name)):
        return ""
    text = unguard(str(name)).strip()
    match = YEAR_HEADER.fullmatch(text)
    return match.group(1) if match else text


def plain_name(name: str) -> str:
    """A header as compared with :data:`ROLE_NAMES`: lower-cased, without spaces, ``_``, ``-`` and ``.``."""
    return HEADER_SEPARATORS.sub("", name.lower())


_ROLE_BY_NAME = {plain_name(name): role for role, names in ROLE_NAMES.items() for name in names}
_IGNORED = frozenset(plain_name(name) for name in IGNORED_NAMES)


def classify(columns: Iterable[object], layout: Layout = "long") -> Columns:
    """Which header plays which role (see :data:`ROLE_NAMES`); in the wide layout, four-digit headers are years.

    Parameters
    ----------
    columns
        The headers, in order.
    layout
        ``"long"`` or ``"wide"``.
    """
    names = [header_text(column) for column in columns]
    found: dict[str, str] = {}
    for role, synonyms in ROLE_NAMES.items():
        ranked = [name for synonym in synonyms for name in names if plain_name(name) == plain_name(synonym)]
        if ranked:
            found[role] = ranked[0]
    taken = set(found.values())
    years = tuple(name for name in names if layout == "wide" and name not in taken and YEAR_HEADER.fullmatch(name))
    ignored = tuple(name for name in names if name not in taken and name not in years
                    and (plain_name(name) in _ROLE_BY_NAME or plain_name(name) in _IGNORED))
    breakdowns = tuple(name for name in names if name and name not in taken and name not in years
                       and name not in ignored)
    return Columns(**found, breakdowns=breakdowns, years=years, ignored=ignored)


def detect_layout(columns: Iterable[object]) -> Layout | None:
    """``"long"`` when the headers name a year and a value column, ``"wide"`` when they name a place column and
    have year headers (``2019``, ``2020`` …), else ``None``."""
    names = [header_text(column) for column in columns]
    long = classify(names, "long")
    if long.year is not None and long.value is not None:
        return "long"
    wide = classify(names, "wide")
    if wide.place is not None and wide.years:
        return "wide"
    return None


def prepare(frame: pd.DataFrame, file: str, header_row: int = 1) -> tuple[pd.DataFrame, list[Problem], bool]:
    """The frame with text headers, without unnamed empty columns; problems for unnamed or repeated headers, and
    whether a header appears twice (then the table cannot be read)."""
    names = [header_text(column) for column in frame.columns]
    problems: list[Problem] = []
    keep = []
    for position, name in enumerate(names):
        if name:
            keep.append(position)
        elif any(_text(cell) for cell in frame.iloc[:, position]):
            problems.append(Problem(file, header_row, f"column {position + 1}", "has values but no header"))
    kept = frame if len(keep) == len(names) else frame.iloc[:, keep]
    result = kept.set_axis([names[position] for position in keep], axis=1)
    seen: set[str] = set()
    repeated = False
    for name in result.columns:
        if name.lower() in seen:
            problems.append(Problem(file, header_row, name, "the column appears twice"))
            repeated = True
        seen.add(name.lower())
    return result, problems, repeated


def _missing(columns: Columns, roles: tuple[str, ...], file: str, header_row: int) -> list[Problem]:
    present = columns.roles()
    absent = [f"{role} (one of: {', '.join(ROLE_NAMES[role])})" for role in roles if role not in present]
    if not absent:
        return []
    return [Problem(file, header_row, None, f"missing column(s): {'; '.join(absent)}")]


# --- cells --------------------------------------------------------------------------------------------------


def _text(cell: object) -> str:
    """A text cell, stripped; the apostrophe our exports put before formula-like text is taken off (see
    :mod:`lokalagenda.core.cells`), so an exported file reads back as the table that was written."""
    if cell is None or (isinstance(cell, float) and math.isnan(cell)) or cell is pd.NA:
        return ""
    return unguard(str(cell)).strip()


def _cell_of(series: pd.Series) -> Callable[[int], str]:
    return lambda row: _text(series.iloc[row])


def _not_a_number(text: str) -> str:
    return f"{text!r} is not a number"


def parse_place(text: str) -> str | None:
    """A place code (``"0301"``, ``"03"`` or ``"0"``) from a cell, or ``None`` if it is not one.

    Accepts ``NO0301``/``NO03``/``NO`` (SDMX), ``0301 Oslo`` and ``K-0301`` (Statistics Norway), and a
    kommunenummer or fylkesnummer whose leading zero a spreadsheet dropped (``301``, ``3``).
    """
    for pattern in PLACE_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            digits = match.group(1) or COUNTRY
            if len(digits) in (1, 3) and digits != COUNTRY:
                digits = "0" + digits
            return digits
    return None


def parse_year(text: str) -> int | None:
    """The year of a cell (``2021``, or ``2021.0`` from a spreadsheet), or ``None``."""
    match = YEAR_HEADER.fullmatch(text)
    return int(match.group(1)) if match else None


def parse_flag(text: str) -> str | None:
    """The flag a cell names (see :data:`FLAG_ALIASES`; ``""`` for none), or ``None`` if unknown."""
    return FLAG_ALIASES.get(text.lower())


def _year_message(text: str) -> str:
    if SUB_ANNUAL.match(text):
        return f"{text!r} is not a year: only annual data is supported"
    return f"{text!r} is not a year" if text else "no year"


def _place_message(text: str) -> str:
    if not text:
        return "no kommunenummer, fylkesnummer or country code"
    return f"{text!r} is not a kommunenummer (4 digits), fylkesnummer (2 digits) or country code (0)"


def _number_text(text: str) -> tuple[float, str] | None:
    """A cell the fast conversion did not take: (value, flag), or ``None`` if it is not a number."""
    if text in NIL_SYMBOLS:
        return 0.0, ""
    if text in SYMBOL_FLAGS:
        return math.nan, SYMBOL_FLAGS[text]
    text = text.replace("\u2212", "-")
    if not NUMBER.fullmatch(text):
        return None
    number = float(SPACES.sub("", text).replace(",", "."))
    return (number, "") if math.isfinite(number) else None


#: Flags as small integers while a table is built: the index in this tuple.
FLAG_CODES: tuple[str, ...] = ("", *FLAGS)


@dataclass
class _Numbers:
    values: np.ndarray
    bad: np.ndarray
    #: Index in FLAG_CODES of the flag a symbol implies.
    flags: np.ndarray
    empty: np.ndarray


def _decimal_points(cells: np.ndarray) -> np.ndarray:
    return np.array([cell.replace(",", ".") if isinstance(cell, str) else cell for cell in cells], dtype=object)


def _floats(cells: np.ndarray) -> np.ndarray:
    """The cells Python's ``float`` takes, with a decimal comma or point, as floats; NaN for the others.

    Fast when nearly every cell is a number: NumPy converts them all at once; only a column with other text in
    it goes through :func:`pandas.to_numeric`."""
    values = np.full(len(cells), np.nan)
    plain = ~(pd.isna(cells) | pd.Series(cells, dtype=object).isin(list(SYMBOL_FLAGS)).to_numpy())
    candidates = cells[plain]
    try:
        values[plain] = candidates.astype(np.float64)
        return values
    except (ValueError, TypeError):
        candidates = _decimal_points(candidates)
    try:
        values[plain] = candidates.astype(np.float64)
    except (ValueError, TypeError):
        values[plain] = np.array(pd.to_numeric(pd.Series(candidates, dtype=object), errors="coerce"), dtype=float)
    return values


def _numbers(series: pd.Series) -> _Numbers:
    cells = series.to_numpy(dtype=object)
    n = len(cells)
    values = _floats(cells)
    bad, empty = np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)
    flags = np.zeros(n, dtype=np.int8)
    unusual = np.flatnonzero(~np.isfinite(values))
    if len(unusual):
        codes, uniques = pd.factorize(pd.Series(cells[unusual], dtype=object), use_na_sentinel=False)
        texts = [_text(cell) for cell in uniques]
        parsed = [_number_text(text) for text in texts]
        values[unusual] = np.array([math.nan if p is None else p[0] for p in parsed], dtype="float64")[codes]
        flags[unusual] = np.array([0 if p is None else FLAG_CODES.index(p[1]) for p in parsed], dtype=np.int8)[codes]
        bad[unusual] = np.array([p is None for p in parsed], dtype=bool)[codes]
        empty[unusual] = np.array([text == "" for text in texts], dtype=bool)[codes]
    return _Numbers(values, bad, flags, empty)


def parse_numbers(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Numbers from text cells, Norwegian style or not.

    Accepts ``12.5``, ``12,5``, ``12 345`` (space, non-breaking or narrow non-breaking space between thousands),
    ``1 234,5``, ``−3`` (a typographic minus) and ``1e3``. Empty cells and the symbols ``-``, ``..``, ``...``,
    ``:`` and ``.`` become NaN and are not bad; :func:`number_flags` says what they mean. ``1,234`` is read
    as 1.234 (a decimal comma), and ``1.234,5`` (full stop between thousands) is not taken.

    Returns
    -------
    (values, bad)
        float64 values (NaN where there is no number) and a boolean mask of the cells that are not numbers,
        both indexed like ``series``.
    """
    numbers = _numbers(series)
    return pd.Series(numbers.values, index=series.index), pd.Series(numbers.bad, index=series.index)


def number_flags(series: pd.Series) -> pd.Series:
    """The flag a value cell implies: ``missing`` for an empty cell, ``-``, ``..`` or ``...``, ``suppressed`` for
    ``:``, ``not_applicable`` for ``.``, else ``""``."""
    return pd.Series(np.array(FLAG_CODES, dtype=object)[_numbers(series).flags], index=series.index, dtype=object)


@dataclass
class _Field:
    """One parsed column, coded: ``labels[codes]`` is the value of each row (few distinct values, so the table is
    built from categoricals); which rows are bad or empty, and how to report a bad cell."""

    codes: np.ndarray
    labels: np.ndarray
    bad: np.ndarray
    empty: np.ndarray
    column: str | None
    #: The text of the cell of a row (called only for bad rows).
    cell: Callable[[int], str]
    message: Callable[[str], str]


def _categorical(series: pd.Series, parse: Callable[[str], Any], column: str | None,
                 message: Callable[[str], str], dtype: str = "object", fallback: Any = "") -> _Field:
    """Parse a column with few distinct cells once per distinct cell; ``parse`` returns ``None`` for bad."""
    codes, uniques = pd.factorize(series, use_na_sentinel=False)
    texts = np.array([_text(cell) for cell in uniques] or [""], dtype=object)
    parsed = [parse(text) for text in texts]
    labels = np.array([fallback if p is None else p for p in parsed], dtype=dtype)
    bad = np.array([p is None for p in parsed], dtype=bool)
    return _Field(codes, labels, bad[codes], (texts == "")[codes], column, lambda row: str(texts[codes[row]]),
                  message)


def _constant(n: int, value: Any, dtype: str = "object") -> _Field:
    return _Field(np.zeros(n, dtype=np.int64), np.array([value], dtype=dtype), np.zeros(n, bool), np.ones(n, bool),
                  None, lambda row: "", str)


def _text_or(default: str) -> Callable[[str], str]:
    return lambda text: text or default


def _place_field(frame: pd.DataFrame, columns: Columns, default_place: str | None) -> _Field:
    if columns.place is None:
        return _constant(len(frame), default_place or "")

    def parse(text: str) -> str | None:
        return default_place if not text else parse_place(text)

    return _categorical(frame[columns.place], parse, columns.place, _place_message)


def _optional_text(frame: pd.DataFrame, column: str | None, default: str) -> _Field:
    if column is None:
        return _constant(len(frame), default)
    return _categorical(frame[column], _text_or(default), column, str)


def _flag_field(frame: pd.DataFrame, columns: Columns) -> _Field:
    if columns.flag is None:
        return _constant(len(frame), "")
    known = ", ".join(FLAGS)
    return _categorical(frame[columns.flag], parse_flag, columns.flag,
                        lambda text: f"unknown flag {text!r}; use one of: {known}")


# --- disaggregations ----------------------------------------------------------------------------------------


def _combination(parts: Mapping[str, str], canonical: str) -> str | None:
    """The canonical disaggregation of one combination of cells, or ``None`` if it cannot be written."""
    merged = dict(parts)
    for part in filter(None, (piece.strip() for piece in canonical.split(";"))):
        key, equals, value = (text.strip() for text in part.partition("="))
        if not equals or not key or merged.get(key, value) != value:
            return None
        merged[key] = value
    if any(";" in value for value in merged.values()):
        return None
    return disaggregation_key(merged)


def _disaggregation_field(frame: pd.DataFrame, columns: Columns) -> _Field:
    """Build the disaggregation key once per distinct combination of the breakdown cells."""
    sources = [*columns.breakdowns, *([columns.disaggregation] if columns.disaggregation else [])]
    n = len(frame)
    if not sources:
        return _constant(n, "")
    combined = np.zeros(n, dtype=np.int64)
    texts: list[np.ndarray] = []
    codes_by_column: list[np.ndarray] = []
    for column in sources:
        codes, uniques = pd.factorize(frame[column], use_na_sentinel=False)
        texts.append(np.array([_text(cell) for cell in uniques] or [""], dtype=object))
        codes_by_column.append(codes)
        combined, _ = pd.factorize(combined * (len(uniques) or 1) + codes)
    _, first = np.unique(combined, return_index=True)
    keys = [column.lower() for column in columns.breakdowns]
    results, cells = [], []
    for row in first:
        cell_texts = [texts[i][codes_by_column[i][row]] for i in range(len(sources))]
        canonical = cell_texts[len(keys)] if columns.disaggregation else ""
        results.append(_combination(dict(zip(keys, cell_texts, strict=False)), canonical))
        cells.append("; ".join(f"{name}={text}" for name, text in zip(sources, cell_texts, strict=True) if text))
    labels = np.array(["" if r is None else r for r in results], dtype=object)
    bad = np.array([r is None for r in results], dtype=bool)[combined]
    empty = np.array([not cell for cell in cells], dtype=bool)[combined]
    return _Field(combined, labels, bad, empty, sources[0], lambda row: cells[combined[row]], lambda text: (
        f"cannot make a disaggregation of {text!r}: a value holds ';', or a 'key=value' part is malformed "
        "or contradicts a column"))


def _header_problems(columns: Columns, file: str, header_row: int) -> list[Problem]:
    return [Problem(file, header_row, name, "a disaggregation header cannot hold '=' or ';'")
            for name in columns.breakdowns if "=" in name or ";" in name]


# --- building the table -------------------------------------------------------------------------------------


def _row_problems(fields: Iterable[_Field], report: np.ndarray, rows: np.ndarray, file: str) -> list[Problem]:
    problems = []
    for field in fields:
        for index in np.flatnonzero(field.bad & report):
            problems.append(Problem(file, int(rows[index]), field.column, field.message(field.cell(int(index)))))
    return problems


@dataclass
class _Coded:
    """A column of the table being built, as codes into labels."""

    codes: np.ndarray
    labels: np.ndarray

    def take(self, keep: np.ndarray) -> pd.Categorical | np.ndarray:
        if self.labels.dtype != object:
            return self.labels[self.codes[keep]]
        relabel, categories = pd.factorize(self.labels)
        return pd.Categorical.from_codes(relabel[self.codes[keep]], categories=categories)


def _finish(parts: Mapping[str, np.ndarray | _Coded], keep: np.ndarray, problems: list[Problem],
            provenance: dict[str, Any]) -> ReadResult:
    columns = {name: part.take(keep) if isinstance(part, _Coded) else part[keep] for name, part in parts.items()}
    table = normalise(pd.DataFrame(columns)) if columns else empty_table()
    problems.sort(key=lambda problem: problem.row or 0)
    return ReadResult(table, problems, provenance)


def _failed(problems: list[Problem], provenance: dict[str, Any]) -> ReadResult:
    return _finish({}, np.zeros(0, dtype=bool), problems, provenance)


def _provenance(layout: str, columns: Columns) -> dict[str, Any]:
    return {"layout": layout, "columns": columns.roles(), "disaggregation_columns": list(columns.breakdowns),
            "ignored_columns": list(columns.ignored)}


_EMPTY_VALUE_CODES = np.array([code for code, flag in enumerate(FLAG_CODES) if flag in EMPTY_VALUE_FLAGS])


def _flags(explicit: _Field, implied: np.ndarray, repeat: int = 1) -> _Coded:
    """The flag column: the flag column's where it says one, else the one the value's symbol implies; but for a
    missing value, a flag that does not explain it (``provisional``) gives way to the symbol's (``missing``)."""
    codes = np.array([FLAG_CODES.index(label) for label in explicit.labels], dtype=np.int8)[explicit.codes]
    if repeat > 1:
        codes = np.repeat(codes, repeat)
    use_explicit = (codes != 0) & ((implied == 0) | np.isin(codes, _EMPTY_VALUE_CODES))
    return _Coded(np.where(use_explicit, codes, implied), np.array(FLAG_CODES, dtype=object))


def _text_fields(frame: pd.DataFrame, columns: Columns, options: ReadOptions,
                 default_place: str | None) -> dict[str, _Field]:
    return {
        "place": _place_field(frame, columns, default_place),
        "indicator": _optional_text(frame, columns.indicator, options.indicator or ""),
        "unit": _optional_text(frame, columns.unit, options.unit or ""),
        "flag": _flag_field(frame, columns),
        "disaggregation": _disaggregation_field(frame, columns),
    }


def from_columns(frame: pd.DataFrame, columns: Columns, file: str, options: ReadOptions, *,
                 header_row: int = 1, default_place: str | None = None) -> ReadResult:
    """The tidy table of a long table whose column roles are known.

    Parameters
    ----------
    frame
        The cells as text (``None``/NaN for empty), one source row per frame row, in order.
    columns
        Which column is which; ``year`` and ``value`` are required.
    file
        The file name problems name.
    options
        ``indicator`` and ``unit`` fill cells (or columns) that are empty.
    header_row
        The row number of the header as a spreadsheet shows it; the first frame row is ``header_row + 1``.
    default_place
        The place of rows whose place cell is empty, or of every row when there is no place column; ``None``
        makes an empty place cell a problem.
    """
    if columns.year is None or columns.value is None:
        return _failed(_missing(columns, ("year", "value"), file, header_row), _provenance("long", columns))
    rows = np.arange(len(frame), dtype=np.int64) + header_row + 1
    numbers = _numbers(frame[columns.value])
    fields = _text_fields(frame, columns, options, default_place)
    fields["year"] = _categorical(frame[columns.year], parse_year, columns.year, _year_message, "int64", 0)
    value = _Field(np.zeros(0), np.zeros(0), numbers.bad, numbers.empty, columns.value,
                   _cell_of(frame[columns.value]), _not_a_number)
    blank, bad = numbers.empty.copy(), numbers.bad.copy()
    for field in fields.values():
        blank &= field.empty
        bad |= field.bad
    problems = _header_problems(columns, file, header_row)
    problems += _row_problems([*fields.values(), value], ~blank, rows, file)
    parts: dict[str, np.ndarray | _Coded] = {name: _Coded(field.codes, field.labels) for name, field in fields.items()}
    parts.update(value=numbers.values, source_row=rows, flag=_flags(fields["flag"], numbers.flags))
    return _finish(parts, ~blank & ~bad, problems, _provenance("long", columns))


def from_long(frame: pd.DataFrame, file: str, options: ReadOptions, *, header_row: int = 1) -> ReadResult:
    """The tidy table of a long table: a row per value, with place, year and value columns.

    Parameters
    ----------
    frame
        The cells as text (``None``/NaN for empty) under their header cells, in source order.
    file
        The file name problems name.
    options
        ``indicator`` and ``unit`` for rows (or tables) that do not state them.
    header_row
        The row number of the header as a spreadsheet shows it (default 1).

    Returns
    -------
    ReadResult
        The tidy table of every good row, the problems of the others (with row and column), and the roles the
        columns were given in ``provenance``. Rows with no cell filled in are skipped; an empty value is kept
        as NaN with the flag ``missing``.
    """
    frame, problems, repeated = prepare(frame, file, header_row)
    columns = classify(frame.columns, "long")
    missing = _missing(columns, ("place", "year", "value"), file, header_row)
    if missing or repeated:
        return _failed(problems + missing, _provenance("long", columns))
    result = from_columns(frame, columns, file, options, header_row=header_row)
    result.problems[:0] = problems
    return result


def from_wide(frame: pd.DataFrame, file: str, options: ReadOptions, *, header_row: int = 1) -> ReadResult:
    """The tidy table of a wide table: a row per place (and indicator, unit, disaggregation), a column per year.

    Parameters are as for :func:`from_long`. Empty year cells are skipped; the symbols ``..``, ``-``, ``:`` and
    ``.`` are kept as NaN with their flag. A bad cell is reported with its row and its year header.
    """
    frame, problems, repeated = prepare(frame, file, header_row)
    columns = classify(frame.columns, "wide")
    problems += _missing(columns, ("place",), file, header_row)
    if not columns.years:
        problems.append(Problem(file, header_row, None, "no year columns (headers such as 2020, 2021)"))
    if repeated or columns.place is None or not columns.years:
        return _failed(problems, _provenance("wide", columns))
    n, k = len(frame), len(columns.years)
    rows = np.arange(n, dtype=np.int64) + header_row + 1
    fields = _text_fields(frame, columns, options, None)
    cells = [_numbers(frame[column]) for column in columns.years]
    empty_cells = np.column_stack([numbers.empty for numbers in cells])
    bad_cells = np.column_stack([numbers.bad for numbers in cells])
    blank, bad_rows = empty_cells.all(axis=1), np.zeros(n, dtype=bool)
    for field in fields.values():
        blank &= field.empty
        bad_rows |= field.bad
    problems += _header_problems(columns, file, header_row)
    problems += _row_problems(fields.values(), ~blank, rows, file)
    for position, column in enumerate(columns.years):
        cell = _cell_of(frame[column])
        problems += [Problem(file, int(rows[i]), column, _not_a_number(cell(int(i))))
                     for i in np.flatnonzero(bad_cells[:, position] & ~blank)]
    parts: dict[str, np.ndarray | _Coded] = {
        name: _Coded(np.repeat(field.codes, k), field.labels) for name, field in fields.items()}
    parts.update(
        year=np.tile(np.array([int(column) for column in columns.years], dtype=np.int64), n),
        value=np.column_stack([numbers.values for numbers in cells]).ravel(),
        source_row=np.repeat(rows, k),
        flag=_flags(fields["flag"], np.column_stack([numbers.flags for numbers in cells]).ravel(), k),
    )
    keep = ~empty_cells.ravel() & ~bad_cells.ravel() & np.repeat(~bad_rows, k)
    return _finish(parts, keep, problems, _provenance("wide", columns))


def from_frame(frame: pd.DataFrame, file: str, options: ReadOptions, *, header_row: int = 1) -> ReadResult:
    """:func:`from_long` or :func:`from_wide`, whichever :func:`detect_layout` finds; a problem if neither."""
    layout = detect_layout(frame.columns)
    if layout == "long":
        return from_long(frame, file, options, header_row=header_row)
    if layout == "wide":
        return from_wide(frame, file, options, header_row=header_row)
    message = ("cannot tell the layout: expected either place, year and value columns (long) or a place column "
               "and year columns such as 2020, 2021 (wide)")
    return _failed([Problem(file, header_row, None, message)], {})
