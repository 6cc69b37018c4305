"""One value per place and year, computed from the cells of one publisher table: a spec's ``derivation``.

Many official indicators are published as parts rather than as the share itself: SSB table 13563 gives the
employed (``HovArbStyrkStatus=A.01``) and the whole population (``TOT``) per kommune, not the employment rate.
A fetch spec then selects the parts and says how to combine them::

    "derivation": {"op": "share", "of": {"HovArbStyrkStatus": ["A.01"]},
                   "per": {"HovArbStyrkStatus": ["TOT"]}, "scale": 100}

The derivation runs on the tidy rows a reader made of one fetched piece (:mod:`~lokalagenda.core.observations`),
where every dimension besides region, time and contents with more than one category is a ``dimension=code`` part
of the disaggregation, and a multi-year time code adds ``period=2011-2013``. For each indicator, place and year:

=============  ==============================================================================================
``value``      the single row that matches ``of`` (e.g. a table of three-year periods: the period's value,
               stored under its end year); more than one matching row is a problem
``sum``        the sum of the rows that match ``of``
``share``      ``scale`` × sum(``of``) / sum(``per``) (``scale`` defaults to 100)
``difference`` sum(``of``) − sum(``per``) (percentage points, when both are shares)
=============  ==============================================================================================

A row matches a filter when, for every dimension the filter names, the row's code is one of the filter's; a
row without that dimension (the reader drops dimensions with one category) matches. Rows of dimensions the
filter does not name are summed over. The result is one row per place and year with an empty disaggregation.
A part the publisher marks not applicable (SSB's ``.``: a KOSTRA function a kommune has no accounts on that
year) adds nothing to a sum; a filter whose parts are *all* not applicable is not applicable. A part that is
missing or suppressed makes the result missing with that flag (suppressed before missing); a share of a zero
denominator is not applicable.

Only one table and one contents code: a derivation cannot bring in another table's population. Every piece
holds whole place-years (plans split along the region and time only), so a piece can be derived on its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from lokalagenda.core.observations import EMPTY_VALUE_FLAGS, Problem, ReadResult, normalise, parse_disaggregation

OPS = ("value", "sum", "share", "difference")
#: The ops that combine two filters.
TWO_PART_OPS = frozenset({"share", "difference"})
#: The dimension a multi-year time code becomes (``period=2011-2013``); it needs no selection.
PERIOD = "period"
KEYS = ("op", "of", "per", "scale")
#: Which flag a missing result takes when its parts are missing for different reasons (a part that is not
#: applicable adds nothing instead).
FLAG_PRIORITY = ("suppressed", "missing")
GROUP = ["indicator", "place", "year"]


class DerivationError(ValueError):
    """A derivation that cannot be read: the message says which key is wrong and how."""


@dataclass(frozen=True)
class Derivation:
    """How one value per place and year is made from the rows of one table; see the module docstring."""

    op: str
    of: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    per: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    scale: float = 100.0

    @classmethod
    def parse(cls, value: Any) -> Derivation:
        """A derivation from its JSON form.

        Raises
        ------
        DerivationError
            For anything but an object with a known ``op``, filters of dimension → non-empty list of codes,
            a ``per`` exactly when the op needs one, and a finite non-zero ``scale`` only for ``share``.
        """
        if not isinstance(value, dict):
            raise DerivationError(f'expected an object such as {{"op": "share", "of": {{…}}, "per": {{…}}}}, '
                                  f"found {value!r}")
        unknown = sorted(set(value) - set(KEYS))
        if unknown:
            raise DerivationError(f"unknown key {unknown[0]!r}; a derivation has {', '.join(KEYS)}")
        op = value.get("op")
        if op not in OPS:
            raise DerivationError(f"op must be one of {', '.join(OPS)}, found {op!r}")
        if (op in TWO_PART_OPS) != ("per" in value):
            raise DerivationError(f"op {op!r} " + ("needs" if op in TWO_PART_OPS else "takes no") + " 'per' filter")
        if op == "sum" and not value.get("of"):
            raise DerivationError("op 'sum' needs an 'of' filter naming the codes to add")
        scale = value.get("scale", 100.0)
        if "scale" in value and op != "share":
            raise DerivationError(f"only op 'share' takes a scale, not {op!r}")
        if isinstance(scale, bool) or not isinstance(scale, (int, float)) or not np.isfinite(scale) or scale == 0:
            raise DerivationError(f"scale must be a finite non-zero number, found {scale!r}")
        return cls(op, _filter(value.get("of", {}), "of"), _filter(value.get("per", {}), "per"), float(scale))

    def as_dict(self) -> dict[str, Any]:
        """The JSON form (:meth:`parse` reads it back)."""
        result: dict[str, Any] = {"op": self.op, "of": {dim: list(codes) for dim, codes in self.of.items()}}
        if self.op in TWO_PART_OPS:
            result["per"] = {dim: list(codes) for dim, codes in self.per.items()}
        if self.op == "share":
            result["scale"] = self.scale
        return result

    def selection_problems(self, selections: Mapping[str, Sequence[str]]) -> list[str]:
        """Codes the filters name that the spec does not select (so they would never be fetched); ``period`` is
        the time dimension and needs no selection."""
        problems = []
        for name, filters in (("of", self.of), ("per", self.per)):
            for dimension, codes in filters.items():
                if dimension == PERIOD:
                    continue
                missing = [code for code in codes if code not in selections.get(dimension, ())]
                if missing:
                    problems.append(f"derivation {name}: {dimension} {', '.join(missing)} is not in the selections")
        return problems

    def apply(self, result: ReadResult, file: str) -> ReadResult:
        """The read piece with one derived row per indicator, place and year (problems are added, not raised)."""
        table = result.table
        if not len(table):
            return result
        keys = pd.Series(table["disaggregation"].unique())
        parsed = {key: parse_disaggregation(key) for key in keys}
        parts = [_sums(table[self._rows(table, parsed, self.of)])]
        if self.op in TWO_PART_OPS:
            parts.append(_sums(table[self._rows(table, parsed, self.per)]))
        problems = list(result.problems)
        if self.op == "value":
            many = parts[0][parts[0]["rows"] > 1]
            problems += [Problem(file, int(row.source_row), "disaggregation",
                                 f"derivation 'value' found {int(row.rows)} rows for {row.place} {row.year}; "
                                 "name the codes of the other dimensions in 'of'")
                         for row in many.head(50).itertuples()]
        derived = self._combine(parts)
        provenance = {**result.provenance, "derivation": self.as_dict()}
        return ReadResult(normalise(derived), problems, provenance)

    @staticmethod
    def _rows(table: pd.DataFrame, parsed: Mapping[str, Mapping[str, str]],
              filters: Mapping[str, tuple[str, ...]]) -> np.ndarray:
        matching = {key: _matches(parts, filters) for key, parts in parsed.items()}
        return table["disaggregation"].map(matching).to_numpy(dtype=bool)

    def _combine(self, parts: list[pd.DataFrame]) -> pd.DataFrame:
        first = parts[0]
        if self.op in ("value", "sum"):
            return first.assign(disaggregation="")[["indicator", "place", "year", "disaggregation", "value",
                                                    "unit", "flag", "source_row"]]
        both = first.merge(parts[1], on=GROUP, how="outer", suffixes=("", "_per"))
        numerator, denominator = both["value"].to_numpy(), both["value_per"].to_numpy()
        with np.errstate(divide="ignore", invalid="ignore"):
            value = (self.scale * numerator / denominator if self.op == "share" else numerator - denominator)
        flag = np.where(both["flag"].fillna("") != "", both["flag"].fillna(""), both["flag_per"].fillna(""))
        either_missing = np.isnan(numerator) | np.isnan(denominator)
        flag = np.where(either_missing & (flag == ""), "missing", flag)
        if self.op == "share":
            zero = ~either_missing & (denominator == 0)
            flag = np.where(zero, "not_applicable", flag)
        value = np.where(either_missing | ~np.isfinite(value), np.nan, value)
        flag = np.where(np.isnan(value), flag, "")
        return pd.DataFrame({
            "indicator": both["indicator"], "place": both["place"], "year": both["year"], "disaggregation": "",
            "value": value, "unit": both["unit"].fillna(both["unit_per"]), "flag": flag,
            "source_row": both["source_row"].fillna(both["source_row_per"]).astype("int64")})


def _filter(value: Any, name: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise DerivationError(f"{name!r} must be an object of dimension → list of codes, found {value!r}")
    found = {}
    for dimension, codes in value.items():
        if not isinstance(codes, list) or not codes or not all(isinstance(code, str) and code for code in codes):
            raise DerivationError(f"{name!r}: {dimension} must be a non-empty list of codes, found {codes!r}")
        found[dimension] = tuple(codes)
    return found


def _matches(parts: Mapping[str, str], filters: Mapping[str, tuple[str, ...]]) -> bool:
    return all(parts[dimension] in codes for dimension, codes in filters.items() if dimension in parts)


def _sums(rows: pd.DataFrame) -> pd.DataFrame:
    """Per indicator, place and year: the sum of the values, how many rows, the unit, the first source row and
    the flag. Not-applicable parts add nothing, unless every part is not applicable; any other empty part makes
    the sum missing with its flag (by :data:`FLAG_PRIORITY`)."""
    empty = rows["value"].isna()
    inapplicable = empty & (rows["flag"] == "not_applicable")
    lacking = empty & ~inapplicable
    rank = rows["flag"].map({flag: order for order, flag in enumerate(FLAG_PRIORITY)}).fillna(len(FLAG_PRIORITY))
    frame = rows.assign(_lacking=lacking, _inapplicable=inapplicable,
                        _rank=np.where(lacking, rank, len(FLAG_PRIORITY) + 1))
    grouped = frame.sort_values("_rank", kind="stable").groupby(GROUP, sort=False)
    sums = grouped.agg(value=("value", "sum"), rows=("value", "size"), lacking=("_lacking", "any"),
                       inapplicable=("_inapplicable", "all"), unit=("unit", "first"),
                       source_row=("source_row", "min"), flag=("flag", "first")).reset_index()
    flag = sums["flag"].where(sums["flag"].isin(EMPTY_VALUE_FLAGS - {"not_applicable"}), "missing")
    sums["flag"] = np.where(sums["lacking"], flag, np.where(sums["inapplicable"], "not_applicable", ""))
    sums["value"] = sums["value"].where(~(sums["lacking"] | sums["inapplicable"]), np.nan)
    return sums.drop(columns=["lacking", "inapplicable"])
