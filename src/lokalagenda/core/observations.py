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
    """One thing wrong with the input, and where: ``file:row:column: message``."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{'' if self.row is None else self.row}:{self.column or ''}: {self.message}"


def format_problems(problems: list[Problem]) -> str:
    """The first 50 problems, one a line, and a count of the rest."""
    lines = [str(problem) for problem in problems[:SHOWN_PROBLEMS]]
    if len(problems) > SHOWN_PROBLEMS:
        lines.append(f"… and {len(problems) - SHOWN_PROBLEMS} more problems ({len(problems)} in all)")
    return "\n".join(lines)


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
    """What validation checks against: known indicators (with their unit) and known places."""

    indicators: Mapping[str, str]
    places: frozenset[str]


def validate(table: pd.DataFrame, catalogue: Catalogue, file: str) -> list[Problem]:
    """Every problem in a tidy table: unknown indicator or place, impossible year, missing value without a flag,
    unknown flag, unit that differs from the catalogue's, duplicate key. Vectorised; returns problems by row."""
    checks: list[tuple[pd.Series, str, Any]] = [
        (~table["indicator"].isin(list(catalogue.indicators)), "indicator",
         lambda r: f"unknown indicator {r.indicator!r}"),
        (~table["place"].isin(list(catalogue.places)), "place",
         lambda r: f"unknown kommunenummer, fylkesnummer or country code {r.place!r}"),
        (~table["year"].between(FIRST_YEAR, LAST_YEAR), "year", lambda r: f"impossible year {r.year}"),
        (table["value"].isna() & ~table["flag"].isin(list(EMPTY_VALUE_FLAGS)), "value",
         lambda r: "no value, and no flag saying why (suppressed, missing or not_applicable)"),
        (~table["flag"].isin(["", *FLAGS]), "flag", lambda r: f"unknown flag {r.flag!r}"),
    ]
    expected_unit = table["indicator"].map(catalogue.indicators).fillna("")
    unit_differs = (table["unit"] != "") & (expected_unit != "") & (table["unit"] != expected_unit)
    checks.append((unit_differs, "unit", lambda r: (
        f"unit {r.unit!r} differs from the indicator's unit {catalogue.indicators[r.indicator]!r}")))
    checks.append((table.duplicated(list(KEY), keep="first"), "year",
                   lambda r: f"duplicate value for {r.indicator} {r.place} {r.year} {r.disaggregation}".rstrip()))
    problems = []
    for mask, column, message in checks:
        for row in table[mask.to_numpy()].itertuples(index=False):
            problems.append(Problem(file, int(row.source_row), column, message(row)))
    return sorted(problems, key=lambda problem: (problem.row or 0, problem.column or ""))


def problems_from(rows: Iterable[tuple[int | None, str | None, str]], file: str) -> list[Problem]:
    """Problems from ``(row, column, message)`` triples."""
    return [Problem(file, row, column, message) for row, column, message in rows]
