"""Mapping values reported under earlier kommunenummer to the 2024 kommuner, through the code history.

Two rules keep the mapping honest:

* **Counts** (persons, km, kroner …) of the kommuner that were merged into one 2024 kommune are summed only
  when *every* part is present for that year and none of them was divided (weighting 1).
* **Rates, shares and indices** are never summed. They are mapped only where the 2024 kommune has the same
  territory as the old one: it was fed, in that year, by exactly that one kommune, whole.

Everything else stays unmapped, and the report says which rows and why.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class CodeChange:
    """An old kommunenummer that was in use from ``valid_from`` to ``valid_to`` and became (part of) ``new``."""

    old: str
    new: str
    weighting: float
    valid_from: int
    valid_to: int


@dataclass(frozen=True)
class Unmapped:
    """A source row that could not be mapped to a 2024 kommune, and why."""

    source_row: int
    place: str
    year: int
    reason: str


@dataclass
class MappingResult:
    table: pd.DataFrame
    unmapped: list[Unmapped]
    mapped_rows: int


class CodeHistory:
    """The code changes, indexed for look-ups by old code and by (new code, year)."""

    def __init__(self, changes: Iterable[CodeChange], current: Iterable[str]) -> None:
        self.current = frozenset(current)
        self.by_old: dict[str, list[CodeChange]] = defaultdict(list)
        self.by_new: dict[str, list[CodeChange]] = defaultdict(list)
        for change in changes:
            if change.old != change.new:
                self.by_old[change.old].append(change)
                self.by_new[change.new].append(change)

    def parts(self, new: str, year: int) -> list[CodeChange]:
        """The old kommuner that made up ``new`` in ``year``."""
        return [c for c in self.by_new[new] if c.valid_from <= year <= c.valid_to]

    def successor(self, old: str, year: int) -> list[CodeChange]:
        """Where ``old`` went, for a value of ``year`` (empty if the code was not in use that year)."""
        return [c for c in self.by_old[old] if c.valid_from <= year <= c.valid_to]


def map_to_current(table: pd.DataFrame, history: CodeHistory, additive: Mapping[str, bool]) -> MappingResult:
    """Map rows with earlier kommunenummer to 2024 codes; ``additive[indicator]`` says whether it is a count.

    Rows whose place is current (or not a kommunenummer at all) pass through unchanged; validation reports
    unknown places later.
    """
    old_mask = table["place"].isin(list(history.by_old)) & ~table["place"].isin(list(history.current))
    if not old_mask.any():
        return MappingResult(table, [], 0)
    keep, old_rows = table[~old_mask], table[old_mask]
    mapped, unmapped = [], []
    groups = defaultdict(list)
    for row in old_rows.itertuples(index=False):
        successors = history.successor(row.place, row.year)
        if len(successors) != 1:
            reason = (f"kommunenummer {row.place} was not in use in {row.year}" if not successors else
                      f"kommune {row.place} was divided between {', '.join(c.new for c in successors)}")
            unmapped.append(Unmapped(row.source_row, row.place, row.year, reason))
            continue
        groups[(row.indicator, successors[0].new, row.year, row.disaggregation)].append(row)
    for (indicator, new, year, _disaggregation), rows in groups.items():
        result = _combine(rows, history.parts(new, year), new, additive.get(indicator, False))
        if isinstance(result, str):
            unmapped += [Unmapped(r.source_row, r.place, r.year, result) for r in rows]
        else:
            mapped.append(result)
    combined = pd.concat([keep, pd.DataFrame(mapped, columns=table.columns)], ignore_index=True) if mapped else keep
    return MappingResult(combined.reset_index(drop=True), unmapped, len(mapped))


def _combine(rows: list, parts: list[CodeChange], new: str, additive: bool) -> dict | str:
    present = {row.place for row in rows}
    names = ", ".join(sorted(c.old for c in parts))
    if any(c.weighting != 1 for c in parts):
        return f"{new} in {rows[0].year} was formed from part of a divided kommune ({names}); values cannot be split"
    if not additive:
        if len(parts) == 1:
            return {**rows[0]._asdict(), "place": new}
        return f"rates and shares are never summed: {new} in {rows[0].year} was formed from {names}"
    missing = sorted({c.old for c in parts} - present)
    if missing:
        return f"{new} in {rows[0].year} was formed from {names}, but {', '.join(missing)} is missing"
    if any(pd.isna(row.value) for row in rows):
        return f"{new} in {rows[0].year}: a part has no value, so the sum is unknown"
    units = {row.unit for row in rows}
    flags = {row.flag for row in rows} - {""}
    flag = flags.pop() if len(flags) == 1 else ("estimated" if flags else "")
    return {**rows[0]._asdict(), "place": new, "value": float(sum(row.value for row in rows)), "flag": flag,
            "unit": units.pop() if len(units) == 1 else ""}
