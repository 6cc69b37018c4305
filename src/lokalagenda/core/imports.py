"""Preparing an import: fill in what the user said, map old kommunenummer, validate, and compare with what
is stored. Pure: the Django layer reads the stored values, calls these functions and writes the result."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from lokalagenda.core.codechanges import CodeHistory, Unmapped, map_to_current
from lokalagenda.core.observations import KEY, Catalogue, Problem, ReadResult, validate


@dataclass
class PreparedImport:
    """A validated tidy table ready to store, or the problems that stop it."""

    table: pd.DataFrame
    problems: list[Problem]
    unmapped: list[Unmapped] = field(default_factory=list)
    provenance: dict[str, object] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def prepare(result: ReadResult, *, file: str, catalogue: Catalogue, history: CodeHistory,
            indicator: str | None = None) -> PreparedImport:
    """Fill the indicator the user named into rows without one, map old codes, and validate everything.

    Whether an indicator's values may be summed when kommuner merged is read from ``catalogue.additive``.
    """
    table = result.table.copy()
    if indicator:
        table.loc[table["indicator"] == "", "indicator"] = indicator
    mapping = map_to_current(table, history, catalogue.additive)
    # Name the user's own column (e.g. "kommunenummer") rather than the tidy table's ("place").
    headers = result.provenance.get("columns")
    headers = headers if isinstance(headers, dict) else {}
    problems = list(result.problems) + [
        replace(problem, column=headers.get(problem.column or "", problem.column))
        for problem in validate(mapping.table, catalogue, file)
    ]
    return PreparedImport(mapping.table, problems, mapping.unmapped, dict(result.provenance))


@dataclass
class Diff:
    """How a new table differs from the stored values in its scope (its indicators and years)."""

    added: pd.DataFrame
    changed: pd.DataFrame
    removed: pd.DataFrame

    @property
    def empty(self) -> bool:
        return self.added.empty and self.changed.empty and self.removed.empty


def diff(stored: pd.DataFrame, new: pd.DataFrame) -> Diff:
    """Compare ``new`` with ``stored`` (both with KEY, value, flag and unit columns).

    The scope is every (indicator, year) that ``new`` contains: stored rows in that scope that ``new`` lacks
    are removed; stored rows of other years are out of scope and stay as they are. Changed rows carry the
    stored value as ``old_value``/``old_flag``.
    """
    scope = new[["indicator", "year"]].drop_duplicates()
    in_scope = stored.merge(scope, on=["indicator", "year"], how="inner")
    merged = new.merge(in_scope, on=list(KEY), how="outer", suffixes=("", "_old"), indicator=True)
    added = merged[merged["_merge"] == "left_only"]
    removed = merged[merged["_merge"] == "right_only"]
    both = merged[merged["_merge"] == "both"]
    same_value = np.isclose(both["value"], both["value_old"], rtol=1e-12, atol=0, equal_nan=True)
    differs = ~same_value | (both["flag"] != both["flag_old"]) | (both["unit"] != both["unit_old"])
    rename = {"value_old": "old_value", "flag_old": "old_flag", "unit_old": "old_unit"}
    return Diff(
        added=added[new.columns].reset_index(drop=True),
        changed=both[differs].rename(columns=rename).reset_index(drop=True),
        removed=removed.drop(columns=["value", "flag", "unit"]).rename(columns=rename).reset_index(drop=True),
    )
