"""JSON-stat 2.0 datasets written from the tidy observation table, as :mod:`~lokalagenda.core.sources.jsonstat`
reads them back.

The dataset is a cube whose dimensions are, in this order:

* ``indicator`` (role ``metric``): the catalogue ids; the category ``unit`` gives each indicator's unit;
* ``place`` (role ``geo``): kommunenummer, fylkesnummer and ``"0"`` for the country, as the table has them;
* ``year`` (role ``time``): the years as text (``"2024"``);
* when some row has a disaggregation, one dimension per disaggregation key (``age``, ``sex`` …, sorted) whose
  categories are the key's values, and ``""`` for "not broken down by this key" (the total).

One dimension per key, not one ``disaggregation`` dimension of ``age=0-17;sex=female`` texts: a JSON-stat
consumer (our reader too) takes every other dimension as one breakdown, dimension id = key and category =
value, so a single dimension of canonical texts would read back as ``disaggregation=age=0-17;sex=female``.
A key's dimension gets the total category ``""`` also when the key has one value only, because readers drop
dimensions of size 1 as constant.

``value`` lists every cell in row-major order (the last dimension varies fastest), ``null`` where the table has
no value: a NaN value, or a combination of categories the table has no row for. ``status`` is an object of cell
index → symbol for the flagged rows: ``".."`` missing, ``":"`` suppressed, ``"."`` not applicable (the
statistics symbols the reader maps back), and the SDMX ``OBS_STATUS`` codes ``"P"`` provisional, ``"E"``
estimated and ``"B"`` break. ``extension.lokalagenda`` holds the sources and this legend of symbols.

Reading the dataset back with :func:`~lokalagenda.core.sources.jsonstat.read_dataset` (with
``indicator_by_code`` mapping each id to itself) gives the same table, except that

* cells the table has no row for come back as rows with no value and the flag ``missing`` (a full cube, such
  as one indicator for every place and year, has none);
* the reader takes status symbols only on cells without a value as flags, so ``provisional``, ``estimated`` and
  ``break`` on a value are in the file but not read back (the reader counts them in ``status_ignored``);
* an indicator's unit is the metric category's, so a row of that indicator without a unit reads back with it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import IO, Any

import numpy as np
import pandas as pd

from lokalagenda.core.errors import LokalagendaError
from lokalagenda.core.observations import STATUS_FLAGS, normalise, parse_disaggregation

#: The status symbol written for each flag.
STATUS_SYMBOLS: Mapping[str, str] = {
    **{flag: symbol for symbol, flag in STATUS_FLAGS.items()},
    "provisional": "P", "estimated": "E", "break": "B",
}
METRIC, GEO, TIME = "indicator", "place", "year"
#: The largest cube written: beyond it a selection is mostly empty cells, and should be narrowed.
MAX_CELLS = 2_000_000
#: Whole numbers up to this size are written without a decimal point.
_EXACT_INTEGER = 2**53


class JsonStatWriteError(LokalagendaError, ValueError):
    """A table that cannot be written as one JSON-stat dataset."""


@dataclass(frozen=True)
class _Axis:
    """One dimension of the cube: its id, its category codes in order, and each row's category position."""

    id: str
    codes: tuple[str, ...]
    positions: np.ndarray


def _axis(dim_id: str, values: pd.Series, codes: Sequence[str]) -> _Axis:
    positions = pd.Categorical(values.to_numpy(dtype=object), categories=list(codes)).codes.astype(np.int64)
    return _Axis(dim_id, tuple(codes), positions)


def _key_axes(disaggregation: pd.Series) -> list[_Axis]:
    """One axis per disaggregation key, with the total ``""`` among its codes when needed (see the module)."""
    codes, uniques = pd.factorize(disaggregation.to_numpy(dtype=object))
    parsed = [parse_disaggregation(str(key)) for key in uniques]
    keys = sorted({key for parts in parsed for key in parts})
    clashes = [key for key in keys if key in (METRIC, GEO, TIME)]
    if clashes:
        raise JsonStatWriteError(f"disaggregation key(s) {', '.join(clashes)} clash with the dimensions "
                                 f"{METRIC}, {GEO} and {TIME}")
    axes = []
    for key in keys:
        per_combination = np.array([parts.get(key, "") for parts in parsed], dtype=object)
        categories = sorted(set(per_combination.tolist()))
        if len(categories) == 1 and categories != [""]:
            categories.insert(0, "")
        axes.append(_axis(key, pd.Series(per_combination[codes], dtype=object), categories))
    return axes


def _axes(data: pd.DataFrame) -> list[_Axis]:
    years = sorted(set(data[TIME].tolist()))
    axes = [
        _axis(METRIC, data[METRIC], sorted(set(data[METRIC].tolist()))),
        _axis(GEO, data[GEO], sorted(set(data[GEO].tolist()))),
        _axis(TIME, data[TIME].astype(str), [str(year) for year in years]),
        *_key_axes(data["disaggregation"]),
    ]
    cells = math.prod(len(axis.codes) for axis in axes)
    if cells > MAX_CELLS:
        sizes = " × ".join(f"{len(axis.codes)} {axis.id}" for axis in axes)
        raise JsonStatWriteError(f"the selection makes a cube of {cells:,} cells ({sizes}), more than "
                                 f"{MAX_CELLS:,}: choose fewer indicators, places or years")
    return axes


def _cell_indices(axes: list[_Axis], rows: int) -> np.ndarray:
    """The flat row-major cell index of every row; two rows in one cell are an error."""
    flat = np.zeros(rows, dtype=np.int64)
    for axis in axes:
        flat = flat * len(axis.codes) + axis.positions
    if len(np.unique(flat)) != rows:
        raise JsonStatWriteError("the table has two rows for the same indicator, place, year and disaggregation")
    return flat


def _json_number(value: float) -> float | int | None:
    if math.isnan(value):
        return None
    return int(value) if value.is_integer() and abs(value) < _EXACT_INTEGER else float(value)


def _units(data: pd.DataFrame) -> dict[str, dict[str, str]]:
    """The unit of each indicator that has one, for the metric dimension's ``category.unit``."""
    pairs = data.loc[data["unit"] != "", [METRIC, "unit"]].drop_duplicates()
    mixed = sorted(set(pairs[METRIC][pairs[METRIC].duplicated()].tolist()))
    if mixed:
        raise JsonStatWriteError(f"indicator(s) {', '.join(mixed)} have more than one unit, but a JSON-stat "
                                 "dataset gives each indicator one unit")
    return {str(indicator): {"label": str(unit)} for indicator, unit in zip(pairs[METRIC], pairs["unit"],
                                                                             strict=True)}


def _dimension(axis: _Axis, units: dict[str, dict[str, str]]) -> dict[str, Any]:
    category: dict[str, Any] = {"index": list(axis.codes)}
    if axis.id == METRIC and units:
        category["unit"] = units
    return {"label": axis.id, "category": category}


def _source_text(sources: Sequence[Mapping[str, Any]] | Mapping[str, Any] | None) -> str:
    """The dataset's ``source``: the distinct sources named in the provenance, joined by ``; ``."""
    if sources is None:
        return ""
    entries = [sources] if isinstance(sources, Mapping) else list(sources)
    names = [str(entry.get("source") or entry.get("file") or "") for entry in entries]
    return "; ".join(dict.fromkeys(name for name in names if name))


def jsonstat_dataset(table: pd.DataFrame, sources: Sequence[Mapping[str, Any]] | Mapping[str, Any] | None = None,
                     label: str = "Lokalagenda") -> dict[str, Any]:
    """The JSON-stat 2.0 dataset of a tidy table, as a JSON-ready dict (see the module for its shape).

    Parameters
    ----------
    table
        A tidy observation table (see :mod:`lokalagenda.core.observations`); extra columns are ignored.
    sources
        Where the data came from: a provenance dict, or a list of them (e.g. ``{indicator, revision,
        source}`` per stored revision). Kept in ``extension.lokalagenda.sources``.
    label
        The dataset's label.

    Raises
    ------
    JsonStatWriteError
        If an indicator has two units, a disaggregation key is ``indicator``, ``place`` or ``year``, two rows
        share a key, or the cube would have more than :data:`MAX_CELLS` cells.
    """
    data = normalise(table)
    axes = _axes(data)
    units = _units(data)
    cells = math.prod(len(axis.codes) for axis in axes)
    flat = _cell_indices(axes, len(data))
    values: list[float | int | None] = [None] * cells
    for index, value in zip(flat.tolist(), data["value"].tolist(), strict=True):
        values[index] = _json_number(value)
    flagged = sorted((index, STATUS_SYMBOLS[flag]) for index, flag in zip(flat.tolist(), data["flag"].tolist(),
                                                                           strict=True) if flag in STATUS_SYMBOLS)
    status = {str(index): symbol for index, symbol in flagged}
    dataset: dict[str, Any] = {
        "version": "2.0", "class": "dataset", "label": label, "source": _source_text(sources),
        "id": [axis.id for axis in axes], "size": [len(axis.codes) for axis in axes],
        "role": {"metric": [METRIC], "geo": [GEO], "time": [TIME]},
        "dimension": {axis.id: _dimension(axis, units) for axis in axes},
        "value": values,
    }
    if status:
        dataset["status"] = status
    legend = {symbol: flag for flag, symbol in STATUS_SYMBOLS.items()}
    dataset["extension"] = {"lokalagenda": {"sources": sources if sources is not None else [], "status": legend}}
    return dataset


def write_jsonstat(table: pd.DataFrame, out: IO[bytes],
                   sources: Sequence[Mapping[str, Any]] | Mapping[str, Any] | None = None,
                   label: str = "Lokalagenda") -> None:
    """Write a tidy table as a JSON-stat 2.0 dataset (UTF-8 JSON) to a binary file.

    See :func:`jsonstat_dataset` for the parameters and errors, and the module for the shape and what a reader
    gets back.
    """
    dataset = jsonstat_dataset(table, sources, label)
    out.write(json.dumps(dataset, ensure_ascii=False, allow_nan=False, separators=(",", ":"),
                         default=str).encode("utf-8"))
