"""The tidy observation table that every reader produces, and its validation.

One row is one value of one indicator for one place in one year, optionally for one disaggregation:

=================  ========  ===============================================================================
column             dtype     meaning
=================  ========  ===============================================================================
``indicator``      str       catalogue id of the indicator, e.g. ``POP_TOTAL``; may be empty when the reader
                             cannot know it (then ``--indicator`` on import fills it in)
``place``          str       ``"0301"`` (kommunenummer, 4 digits), ``"03"`` (fylkesnummer, 2 digits) or
                             ``"0"`` (the country)
``year``           int64     the year the value refers to
``disaggregation`` str       ``""`` for the total, else sorted ``key=value`` pairs joined by ``;`` (e.g.
                             ``"age=0-17;sex=female"``); build it with :func:`disaggregation_key`
``value``          float64   the number; NaN only when ``flag`` says why (suppressed, missing …)
``unit``           str       unit as the source states it (``persons``, ``percent`` …); may be empty
``flag``           str       ``""`` or one of :data:`FLAGS`
``source_row``     int64     where the value came from in the source file (row number as a spreadsheet
                             shows it, or the cell index of a JSON-stat value); used in error reports
=================  ========  ===============================================================================

Readers return a :class:`ReadResult`; problems are :class:`Problem` rows (file, row, column, message) and are
collected, never raised one at a time, so a user sees every problem of a file at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from lokalagenda.core.errors import LokalagendaError

COLUMNS: tuple[str, ...] = ("indicator", "place", "year", "disaggregation", "value", "unit", "flag", "source_row")
KEY: tuple[str, ...] = ("indicator", "place", "year", "disaggregation")

#: Observation flags. JSON-stat status symbols map onto them: "." not applicable, ".." missing, ":" suppressed.
FLAGS: tuple[str, ...] = ("provisional", "estimated", "suppressed", "missing", "not_applicable", "break")
#: Flags that explain a missing value.
EMPTY_VALUE_FLAGS: frozenset[str] = frozenset({"suppressed", "missing", "not_applicable"})
STATUS_FLAGS: Mapping[str, str] = {".": "not_applicable", "..": "missing", ":": "suppressed"}

COUNTRY = "0"
FIRST_YEAR, LAST_YEAR = 1800, 2100
#: How many problems a report shows before it only counts the rest.
SHOWN_PROBLEMS = 50


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, and where: ``file:row:column: message``, or ``file: message`` for a problem
    of the whole file (no row, no column)."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.row is None and not self.column:
            return f"{self.file}: {self.message}"
        return f"{self.file}:{'' if self.row is None else self.row}:{self.column or ''}: {self.message}"


def format_problems(problems: list[Problem]) -> str:
    """The first 50 problems, one a line, and a count of the rest."""
    lines = [str(problem) for problem in problems[:SHOWN_PROBLEMS]]
    if len(problems) > SHOWN_PROBLEMS:
        lines.append(f"… and {len(problems) - SHOWN_PROBLEMS} more problems ({len(problems)} in all)")
    return "\n".join(lines)


class ProblemsFound(LokalagendaError):
    """Input with problems, so nothing was stored: the base of every all-or-nothing loader's refusal (imports,
    catalogue files, network members), carrying every problem for the edge to print as ``file:row:column``."""

    #: What did not happen, for the message ("nothing was imported").
    undone = "loaded"

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s); nothing was {self.undone}.\n{format_problems(problems)}")


@dataclass
class ReadResult:
    """What a reader returns: the tidy table, the problems found, and where the data came from."""

    table: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    provenance: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def empty_table() -> pd.DataFrame:
    """A tidy table with no rows and the right columns and dtypes."""
    return normalise(pd.DataFrame({column: [] for column in COLUMNS}))


def normalise(table: pd.DataFrame) -> pd.DataFrame:
    """The table with exactly :data:`COLUMNS` in order and canonical dtypes (missing text columns are empty)."""
    result = pd.DataFrame(index=table.index)
    for column in ("indicator", "place", "disaggregation", "unit", "flag"):
        values = table[column] if column in table else pd.Series("", index=table.index)
        result[column] = values.fillna("").astype(str)
    result["year"] = pd.to_numeric(table["year"], errors="raise").astype("int64") if len(table) else \
        pd.Series([], dtype="int64")
    result["value"] = pd.to_numeric(table["value"], errors="raise").astype("float64") if len(table) else \
        pd.Series([], dtype="float64")
    default_rows = pd.Series(np.arange(len(table)) + 2, index=table.index)
    source_row = table["source_row"] if "source_row" in table else default_rows
    result["source_row"] = source_row.astype("int64")
    return result[list(COLUMNS)].reset_index(drop=True)


def disaggregation_key(parts: Mapping[str, str]) -> str:
    """The canonical disaggregation text: sorted ``key=value`` pairs joined by ``;`` (``""`` for none)."""
    return ";".join(f"{key}={value}" for key, value in sorted(parts.items()) if value != "")


def parse_disaggregation(key: str) -> dict[str, str]:
    """The pairs of a canonical disaggregation text."""
    return dict(part.split("=", 1) for part in key.split(";") if part)


@dataclass(frozen=True)
class Catalogue:
    """What validation checks against: known indicators (with their unit) and known places, and which
    indicators are counts whose values may be summed when kommuner merge."""

    indicators: Mapping[str, str]
    places: frozenset[str]
    additive: Mapping[str, bool] = field(default_factory=dict)
    #: The last year a value may be for; callers pass next year (forecasts and budgets run a year ahead).
    last_year: int = LAST_YEAR


def _factorize(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes and distinct values of a text column; instant for a column with one value (often the
    unit, flag and disaggregation columns)."""
    values = column.to_numpy(dtype=object)
    if len(values) == 0 or (values == values[0]).all():
        return np.zeros(len(values), dtype=np.intp), np.asarray(values[:1], dtype=object)
    codes, uniques = pd.factorize(values)
    return codes, np.asarray(uniques, dtype=object)


def _membership(codes: np.ndarray, uniques: np.ndarray, known: Iterable[str]) -> np.ndarray:
    known_set = set(known)
    return np.array([u in known_set for u in uniques], dtype=bool)[codes]


def _duplicated(factors: dict[str, tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """Rows whose key (indicator, place, year, disaggregation) an earlier row already has, via one int64 key."""
    key = np.zeros(len(factors["indicator"][0]), dtype=np.int64)
    for column in KEY:
        codes, uniques = factors[column]
        key = key * (len(uniques) + 1) + codes
    return pd.Series(key).duplicated(keep="first").to_numpy()


def _unit_differs(factors: dict[str, tuple[np.ndarray, np.ndarray]], catalogue: Catalogue) -> np.ndarray:
    indicator_codes, indicators = factors["indicator"]
    unit_codes, units = factors["unit"]
    width = len(units) + 1
    pairs, pair_index = np.unique(indicator_codes.astype(np.int64) * width + unit_codes, return_inverse=True)

    def differs(pair: int) -> bool:
        unit, expected = units[pair % width], catalogue.indicators.get(indicators[pair // width], "")
        return bool(unit) and bool(expected) and unit != expected

    bad = np.array([differs(pair) for pair in pairs], dtype=bool)
    return bad[pair_index] if len(pairs) else np.zeros(len(indicator_codes), dtype=bool)


def validate(table: pd.DataFrame, catalogue: Catalogue, file: str) -> list[Problem]:
    """Every problem in a tidy table: unknown indicator or place, impossible year, missing value without a flag,
    unknown flag, unit that differs from the catalogue's, duplicate key. Vectorised (text columns are factorised
    once, so a million rows take a fraction of a second); returns problems sorted by row."""
    factors = {column: _factorize(table[column]) for column in ("indicator", "place", "disaggregation", "unit",
                                                                  "flag")}
    factors["year"] = pd.factorize(table["year"].to_numpy())
    year = table["year"].to_numpy()
    explained = _membership(*factors["flag"], EMPTY_VALUE_FLAGS)
    checks: list[tuple[np.ndarray, str, Any]] = [
        (~_membership(*factors["indicator"], catalogue.indicators), "indicator",
         lambda r: f"unknown indicator {r.indicator!r}"),
        (~_membership(*factors["place"], catalogue.places), "place",
         lambda r: f"unknown kommunenummer, fylkesnummer or country code {r.place!r}"),
        ((year < FIRST_YEAR) | (year > catalogue.last_year), "year", lambda r: (
            f"impossible year {r.year} (values run from {FIRST_YEAR} to {catalogue.last_year})")),
        (table["value"].isna().to_numpy() & ~explained, "value",
         lambda r: "no value, and no flag saying why (suppressed, missing or not_applicable)"),
        (~_membership(*factors["flag"], ["", *FLAGS]), "flag", lambda r: f"unknown flag {r.flag!r}"),
        (_unit_differs(factors, catalogue), "unit", lambda r: (
            f"unit {r.unit!r} differs from the indicator's unit {catalogue.indicators[r.indicator]!r}")),
        (_duplicated(factors), "year",
         lambda r: f"duplicate value for {r.indicator} {r.place} {r.year} {r.disaggregation}".rstrip()),
    ]
    problems = []
    for mask, column, message in checks:
        if mask.any():
            for row in table[mask].itertuples(index=False):
                problems.append(Problem(file, int(row.source_row), column, message(row)))
    return sorted(problems, key=lambda problem: (problem.row or 0, problem.column or ""))


def problems_from(rows: Iterable[tuple[int | None, str | None, str]], file: str) -> list[Problem]:
    """Problems from ``(row, column, message)`` triples."""
    return [Problem(file, row, column, message) for row, column, message in rows]
