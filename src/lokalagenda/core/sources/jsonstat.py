"""JSON-stat 2.0 datasets (SSB statbank v0/v1 and v2, FHI Statistikk) read into the tidy observation table.

A JSON-stat dataset is a cube: ``id`` names the dimensions in order, ``size`` gives their lengths, and ``value``
holds every cell in row-major order (the last dimension varies fastest). The reader recognises three roles:

* geography: ``role.geo`` or a dimension called ``Region``, ``KOKkommuneregion0000``, ``KOKfylkesregion0000``,
  ``GEO``. Its codes become places (:func:`place_code`); aggregates that are not a kommune, a fylke or the
  country (KOSTRA groups, ``EAKUO``, bydeler, Svalbard, "unknown kommune") are *skipped by design* and listed in
  ``provenance["skipped"]`` as ``(code, reason, cells)``, not reported as problems;
* time: ``role.time`` or ``Tid``/``AAR``. ``2022`` is 2022; FHI's ``2020_2020`` is 2020; a period such as
  ``2018_2020`` or ``2018-2020`` is its *end year* 2020 with ``period=2018-2020`` added to the disaggregation;
* metric: ``role.metric`` or ``ContentsCode``/``MEASURE_TYPE``. Its codes become catalogue indicators through
  :attr:`ReadOptions.indicator_by_code` (or :attr:`ReadOptions.indicator` when there is a single code), and
  its category ``unit`` gives the unit.

Every other dimension with more than one category becomes part of the disaggregation (dimension id = category
code); dimensions of size 1 are dropped. ``source_row`` is the **flat cell index** into ``value`` (0-based),
not a line number. Null cells take their flag from ``status`` (``"."`` not applicable, ``".."`` missing,
``":"`` suppressed); a null without a known status symbol is flagged ``missing``. Status symbols on cells that
do have a value are not flags the table can carry; they are counted in ``provenance["status_ignored"]``.

Only malformed input (bad JSON, missing or inconsistent ``id``/``size``/``dimension``/``value``, a value that is
not a number, a time code that is not a year or a span of years) is a :class:`Problem`. The reader never raises
on bad input.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from lokalagenda.core.observations import (
    COUNTRY,
    STATUS_FLAGS,
    Problem,
    ReadResult,
    disaggregation_key,
    empty_table,
    normalise,
)
from lokalagenda.core.progress import Progress, null_progress
from lokalagenda.core.sources.registry import ReadOptions, register

GEO_IDS: frozenset[str] = frozenset({"Region", "KOKkommuneregion0000", "KOKfylkesregion0000", "GEO"})
TIME_IDS: frozenset[str] = frozenset({"Tid", "AAR"})
METRIC_IDS: frozenset[str] = frozenset({"ContentsCode", "MEASURE_TYPE"})
#: The disaggregation key of a multi-year period (``period=2018-2020``).
PERIOD = "period"

_COUNTRY_CODES = frozenset({"0", "0000", "EAK"})
_PREFIXED = re.compile(r"^(?P<kind>[KF])[-_.](?P<code>.+)$")
_YEAR = re.compile(r"^([0-9]{4})$")
_SPAN = re.compile(r"^([0-9]{4})[_-]([0-9]{4})$")
_NOT_FYLKER = {"21": "Svalbard", "22": "Jan Mayen", "23": "the continental shelf", "25": "abroad",
               "99": "an unknown fylke"}
_SNIFF_CLASS = re.compile(rb'"class"\s*:\s*"dataset"')
_SNIFF_VERSION = re.compile(rb'"version"\s*:\s*"([^"]*)"')
_SNIFF_WRAPPER = re.compile(rb'^\s*\{\s*"dataset"\s*:\s*\{')


# --- places and years ------------------------------------------------------------------------------------------

def place_code(code: str) -> tuple[str | None, str]:
    """The place a geography code stands for, or why it stands for none.

    Parameters
    ----------
    code
        A category code of the geography dimension: ``"0301"``, ``"K-0301"`` (``agg_KommSummer``; also ``K_``
        and ``K.``), ``"F-03"`` (``agg_KommFylker``), ``"03"``, ``"0"``, ``"EAK"``, ``"EKG16"`` …

    Returns
    -------
    tuple of (str or None, str)
        ``(place, "")`` with place ``"0301"``, ``"03"`` or ``"0"`` (the country); or ``(None, reason)`` for a
        code that is not a kommune, a fylke or the country.
    """
    if code in _COUNTRY_CODES:
        return COUNTRY, ""
    prefixed = _PREFIXED.match(code)
    if prefixed:
        place, reason = place_code(prefixed["code"])
        expected = 4 if prefixed["kind"] == "K" else 2
        if place is not None and len(place) == expected:
            return place, ""
        return None, f"SSB special region {code} is not a kommune, fylke or the country"
    digits = code.isascii() and code.isdecimal()
    if digits and len(code) == 4:
        return _kommune(code)
    if digits and len(code) == 2:
        if code in _NOT_FYLKER:
            return None, f"region {code} ({_NOT_FYLKER[code]}) is not a fylke"
        return code, ""
    return None, _aggregate_reason(code)


def _kommune(code: str) -> tuple[str | None, str]:
    if code[:2] in _NOT_FYLKER:
        return None, f"region {code} ({_NOT_FYLKER[code[:2]]}) is not a kommune"
    if code.endswith("99"):
        return None, f"region {code} (unknown kommune in fylke {code[:2]}) is not a kommune"
    return code, ""


def _aggregate_reason(code: str) -> str:
    if code.startswith("EKG"):
        return f"KOSTRA group {code} is not a place"
    if code.startswith("EKA"):
        return f"KOSTRA county aggregate {code} (the kommuner of a fylke) is not a place"
    if code.startswith("EA"):
        return f"national aggregate {code} is not a kommune, fylke or the country"
    if code.isascii() and code.isdecimal() and len(code) == 6:
        return f"bydel {code} is not a kommune, fylke or the country"
    return f"region {code} is not a kommune, fylke or the country"


def year_code(code: str) -> tuple[int, str] | None:
    """The year a time code stands for, and the period when it spans several years.

    ``"2022"`` → ``(2022, "")``; FHI's ``"2020_2020"`` → ``(2020, "")``; ``"2018_2020"`` or ``"2018-2020"`` →
    ``(2020, "2018-2020")`` (the end year); anything else (months, quarters, reversed spans) → ``None``.
    """
    single = _YEAR.match(code)
    if single:
        return int(single[1]), ""
    span = _SPAN.match(code)
    if not span or int(span[1]) > int(span[2]):
        return None
    first, last = int(span[1]), int(span[2])
    return last, "" if first == last else f"{first}-{last}"


# --- parsing the dataset ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Dimension:
    """One dimension of a dataset: its id, its category codes in position order, and units by code."""

    id: str
    codes: tuple[str, ...]
    units: Mapping[str, str] = field(default_factory=dict)


@dataclass
class _Cube:
    """A checked dataset: dimensions, cell values (NaN for null), null mask and status symbol of every cell."""

    dimensions: list[Dimension]
    values: np.ndarray
    nulls: np.ndarray
    bad: np.ndarray
    status: np.ndarray
    roles: dict[str, str | None]


class _Problems:
    """Collects problems of one source."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.items: list[Problem] = []

    def add(self, message: str, column: str | None = None, row: int | None = None) -> None:
        self.items.append(Problem(self.file, row, column, message))


def _as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _unwrap(obj: Any, problems: _Problems) -> tuple[dict[str, Any] | None, str]:
    """The JSON-stat 2.0 dataset in ``obj`` (also from a ``{"dataset": …}`` 1.x wrapper) and its format name."""
    if not isinstance(obj, dict):
        problems.add("not a JSON-stat dataset: the document is not a JSON object")
        return None, ""
    if isinstance(obj.get("dataset"), dict) and "class" not in obj:
        inner = obj["dataset"]
        dimension = _as_dict(inner.get("dimension"))
        if "id" not in inner and "id" in dimension:
            lifted = {key: dimension.get(key) for key in ("id", "size", "role")}
            rest = {key: value for key, value in dimension.items() if key not in lifted}
            return {**inner, **lifted, "dimension": rest}, "json-stat"
        return inner, "json-stat"
    if obj.get("class", "dataset") != "dataset":
        problems.add(f"not a JSON-stat dataset: class is {obj.get('class')!r}, not 'dataset'")
        return None, ""
    return obj, "json-stat2"


def _shape(ds: dict[str, Any], problems: _Problems) -> tuple[list[str], list[int]] | None:
    ids, sizes = ds.get("id"), ds.get("size")
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        problems.add("missing or invalid 'id': expected a list of dimension ids")
        return None
    if not isinstance(sizes, list) or not all(isinstance(s, int) and not isinstance(s, bool) and s >= 0
                                              for s in sizes):
        problems.add("missing or invalid 'size': expected a list of non-negative whole numbers")
        return None
    if len(ids) != len(sizes) or len(set(ids)) != len(ids):
        problems.add(f"'id' names {len(ids)} dimensions (each once) but 'size' has {len(sizes)} lengths")
        return None
    return ids, sizes


def _codes(dim_id: str, category: dict[str, Any], problems: _Problems) -> tuple[str, ...] | None:
    index, label = category.get("index"), category.get("label")
    if index is None and isinstance(label, dict) and len(label) == 1:
        return tuple(label)
    if isinstance(index, list) and all(isinstance(code, str) for code in index) and len(set(index)) == len(index):
        return tuple(index)
    if isinstance(index, dict) and all(isinstance(p, int) and not isinstance(p, bool) for p in index.values()):
        if sorted(index.values()) == list(range(len(index))):
            return tuple(sorted(index, key=index.__getitem__))
    problems.add("category.index must list each code once (an array, or an object of code → position)", dim_id)
    return None


def _units(category: dict[str, Any]) -> dict[str, str]:
    units: dict[str, str] = {}
    for code, unit in _as_dict(category.get("unit")).items():
        if isinstance(unit, str):
            units[code] = unit
            continue
        unit = _as_dict(unit)
        text = next((unit[key] for key in ("base", "label", "symbol") if isinstance(unit.get(key), str)), "")
        if text:
            units[code] = text
    return units


def _dimensions(ds: dict[str, Any], problems: _Problems) -> list[Dimension] | None:
    shape = _shape(ds, problems)
    if shape is None:
        return None
    dimension = ds.get("dimension")
    if not isinstance(dimension, dict):
        problems.add("missing 'dimension' object")
        return None
    result = []
    for dim_id, size in zip(*shape, strict=True):
        category = _as_dict(_as_dict(dimension.get(dim_id)).get("category"))
        if not category:
            problems.add(f"dimension {dim_id} is missing or has no category", dim_id)
            continue
        codes = _codes(dim_id, category, problems)
        if codes is not None and len(codes) != size:
            problems.add(f"dimension {dim_id} has {len(codes)} categories but size says {size}", dim_id)
        elif codes is not None:
            result.append(Dimension(dim_id, codes, _units(category)))
    return result if len(result) == len(shape[0]) else None


def _number(value: Any) -> float | None:
    """A cell value as a float; ``nan`` for null; ``None`` when it is not a number."""
    if value is None:
        return math.nan
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) or math.isnan(number) else None


def _numbers(raw: list[Any]) -> tuple[np.ndarray, np.ndarray]:
    """Cell values as floats (NaN for null) and the mask of cells that are not numbers or null."""
    if set(map(type, raw)) <= {int, float, type(None)}:
        try:
            values = np.array(raw, dtype="float64")
        except OverflowError:
            values = None
        if values is not None:
            return values, np.isinf(values)
    numbers = [_number(value) for value in raw]
    bad = np.fromiter((number is None for number in numbers), dtype=bool, count=len(raw))
    return np.array([math.nan if number is None else number for number in numbers], dtype="float64"), bad


def _cells(ds: dict[str, Any], cells: int, problems: _Problems) -> tuple[np.ndarray, np.ndarray] | None:
    """The values as floats (NaN for null) and a mask of cells holding something that is not a number."""
    raw = ds.get("value")
    if isinstance(raw, dict):
        raw = _dense(raw, cells, problems)
        if raw is None:
            return None
    if not isinstance(raw, list):
        problems.add("missing 'value': expected a list of numbers and nulls")
        return None
    if len(raw) != cells:
        problems.add(f"the sizes multiply to {cells} cells but 'value' has {len(raw)}")
        return None
    values, bad = _numbers(raw)
    for index in np.flatnonzero(bad)[:1000]:
        problems.add(f"value {repr(raw[index])[:40]} is not a number or null", "value", int(index))
    return values, bad


def _cell_index(key: Any, cells: int) -> int | None:
    """The cell index a ``value``/``status`` object key names, or ``None``."""
    if isinstance(key, str) and key.isascii() and key.isdecimal() and int(key) < cells:
        return int(key)
    return None


def _dense(sparse: dict[str, Any], cells: int, problems: _Problems) -> list[Any] | None:
    dense: list[Any] = [None] * cells
    for key, value in sparse.items():
        if _cell_index(key, cells) is None:
            problems.add(f"'value' key {key!r} is not a cell index below {cells}", "value")
            return None
        dense[int(key)] = value
    return dense


def _status(ds: dict[str, Any], cells: int, problems: _Problems) -> np.ndarray:
    """The status symbol of every cell (``""`` where none)."""
    raw = ds.get("status")
    symbols = np.full(cells, "", dtype=object)
    if isinstance(raw, str):
        symbols[:] = raw
    elif isinstance(raw, list) and len(raw) == cells:
        symbols[:] = [symbol if isinstance(symbol, str) else "" for symbol in raw]
    elif isinstance(raw, dict):
        for key, symbol in raw.items():
            index = _cell_index(key, cells)
            if index is not None and isinstance(symbol, str):
                symbols[index] = symbol
            else:
                problems.add(f"status entry {key!r}: {symbol!r} does not name a cell and a symbol", "status")
    elif raw is not None:
        problems.add("'status' must be a symbol, a list with one symbol per cell, or an object by cell index",
                     "status")
    return symbols


def _role(ds: dict[str, Any], ids: Sequence[str], role: str, known: frozenset[str]) -> str | None:
    """The dimension ``role`` names (first one that exists), else the first dimension with a known id."""
    named = _as_dict(ds.get("role")).get(role)
    listed = [name for name in named if isinstance(name, str) and name in ids] if isinstance(named, list) else []
    return listed[0] if listed else next((name for name in ids if name in known), None)


def _roles(ds: dict[str, Any], ids: Sequence[str], problems: _Problems) -> dict[str, str | None] | None:
    roles = {"geo": _role(ds, ids, "geo", GEO_IDS), "time": _role(ds, ids, "time", TIME_IDS),
             "metric": _role(ds, ids, "metric", METRIC_IDS)}
    if roles["geo"] is None:
        problems.add(f"no geography dimension (role geo, or one of {', '.join(sorted(GEO_IDS))})")
    if roles["time"] is None:
        problems.add(f"no time dimension (role time, or one of {', '.join(sorted(TIME_IDS))})")
    if roles["geo"] is not None and roles["geo"] == roles["time"]:
        problems.add(f"dimension {roles['geo']} cannot be both the geography and the time", roles["geo"])
        return None
    if roles["geo"] is None or roles["time"] is None:
        return None
    if roles["metric"] in (roles["geo"], roles["time"]):
        roles["metric"] = None
    return roles


def _cube(ds: dict[str, Any], problems: _Problems) -> _Cube | None:
    dimensions = _dimensions(ds, problems)
    if dimensions is None:
        return None
    ids = [dimension.id for dimension in dimensions]
    roles = _roles(ds, ids, problems)
    cells = math.prod(len(dimension.codes) for dimension in dimensions)
    parsed = _cells(ds, cells, problems)
    if roles is None or parsed is None:
        return None
    values, bad = parsed
    return _Cube(dimensions, values, np.isnan(values) & ~bad, bad, _status(ds, cells, problems), roles)


# --- building the table ----------------------------------------------------------------------------------------

class _Positions:
    """Category positions of flat cell indices, computed per dimension from the row-major strides."""

    def __init__(self, dimensions: list[Dimension], cells: np.ndarray) -> None:
        self.sizes = {dimension.id: len(dimension.codes) for dimension in dimensions}
        self.strides: dict[str, int] = {}
        stride = 1
        for dimension in reversed(dimensions):
            self.strides[dimension.id] = stride
            stride *= len(dimension.codes)
        self.cells = cells

    def of(self, dim_id: str) -> np.ndarray:
        return (self.cells // self.strides[dim_id]) % self.sizes[dim_id]


def _lookup(table: Sequence[Any], positions: np.ndarray) -> np.ndarray:
    return np.asarray(table, dtype=object)[positions] if len(positions) else np.empty(0, dtype=object)


def _keep(cube: _Cube, problems: _Problems, provenance: dict[str, Any]) -> tuple[np.ndarray, list[Any], list[Any]]:
    """The flat indices of cells that become rows, and places and years by category position."""
    geo = next(d for d in cube.dimensions if d.id == cube.roles["geo"])
    time = next(d for d in cube.dimensions if d.id == cube.roles["time"])
    cells = len(cube.values)
    places = [place_code(code) for code in geo.codes]
    years = [year_code(code) for code in time.codes]
    per_code = cells // len(geo.codes) if geo.codes else 0
    provenance["skipped"] = [(code, reason, per_code) for code, (place, reason) in zip(geo.codes, places,
                                                                                        strict=True) if place is None]
    for code, year in zip(time.codes, years, strict=True):
        if year is None:
            problems.add(f"time code {code!r} is not a year or a span of years", time.id)
    positions = _Positions(cube.dimensions, np.arange(cells))
    keep = ~cube.bad
    keep &= np.asarray([place is not None for place, _ in places], dtype=bool)[positions.of(geo.id)]
    keep &= np.asarray([year is not None for year in years], dtype=bool)[positions.of(time.id)]
    return np.flatnonzero(keep), [place for place, _ in places], years


def _disaggregation(cube: _Cube, positions: _Positions, years: list[Any]) -> np.ndarray:
    """The disaggregation text of each kept cell, built once per combination of category codes."""
    roles = set(cube.roles.values())
    parts = [d for d in cube.dimensions if d.id not in roles and len(d.codes) > 1]
    axes: list[tuple[str, tuple[str, ...], np.ndarray]] = [(d.id, d.codes, positions.of(d.id)) for d in parts]
    periods = tuple("" if year is None else year[1] for year in years)
    if any(periods):
        axes.append((PERIOD, periods, positions.of(str(cube.roles["time"]))))
    if not axes:
        return np.full(len(positions.cells), "", dtype=object)
    combined = np.zeros(len(positions.cells), dtype=np.int64)
    for _, codes, axis_positions in axes:
        combined = combined * len(codes) + axis_positions
    keys = [disaggregation_key(dict(zip([name for name, _, _ in axes], combo, strict=True)))
            for combo in product(*(codes for _, codes, _ in axes))]
    return _lookup(keys, combined)


def _by_metric(cube: _Cube, positions: _Positions, options: ReadOptions,
               provenance: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """Indicator and unit of each kept cell, from the metric dimension and the options."""
    count = len(positions.cells)
    metric = next((d for d in cube.dimensions if d.id == cube.roles["metric"]), None)
    if metric is None:
        return np.full(count, options.indicator or "", dtype=object), np.full(count, options.unit or "", dtype=object)
    mapping = options.indicator_by_code or {}
    single = options.indicator if len(metric.codes) == 1 else None
    indicators = [mapping.get(code) or single or "" for code in metric.codes]
    provenance["metric_codes"] = list(metric.codes)
    provenance["unmapped_codes"] = [code for code, ind in zip(metric.codes, indicators, strict=True) if not ind]
    units = [metric.units.get(code) or options.unit or "" for code in metric.codes]
    metric_positions = positions.of(metric.id)
    return _lookup(indicators, metric_positions), _lookup(units, metric_positions)


def _flags(nulls: np.ndarray, symbols: np.ndarray, provenance: dict[str, Any]) -> np.ndarray:
    """Flags from status symbols: mapped for null cells (``missing`` when unknown), empty for cells with values."""
    mapped = pd.Series(symbols, dtype=object).map(STATUS_FLAGS)
    flags = np.where(nulls, mapped.fillna("missing").to_numpy(dtype=object), "")
    unknown = Counter(symbols[nulls & mapped.isna().to_numpy() & (symbols != "")].tolist())
    on_values = Counter(symbols[~nulls & (symbols != "")].tolist())
    provenance["status_ignored"] = (
        [(symbol, count, "unknown status symbol on an empty cell; flagged missing") for symbol, count in
         sorted(unknown.items())]
        + [(symbol, count, "status symbol on a cell that has a value; not a flag") for symbol, count in
           sorted(on_values.items())]
    )
    return flags.astype(object)


def _table(cube: _Cube, options: ReadOptions, problems: _Problems, provenance: dict[str, Any]) -> pd.DataFrame:
    kept, places, years = _keep(cube, problems, provenance)
    positions = _Positions(cube.dimensions, kept)
    time_positions = positions.of(str(cube.roles["time"]))
    indicator, unit = _by_metric(cube, positions, options, provenance)
    table = pd.DataFrame({
        "indicator": indicator,
        "place": _lookup(places, positions.of(str(cube.roles["geo"]))),
        "year": _lookup([0 if year is None else year[0] for year in years], time_positions).astype("int64"),
        "disaggregation": _disaggregation(cube, positions, years),
        "value": cube.values[kept],
        "unit": unit,
        "flag": _flags(cube.nulls[kept], cube.status[kept], provenance),
        "source_row": kept.astype("int64"),
    })
    return normalise(table)


def _provenance(ds: dict[str, Any], format_name: str) -> dict[str, Any]:
    px = _as_dict(_as_dict(ds.get("extension")).get("px"))
    label = ds.get("label") if isinstance(ds.get("label"), str) else ""
    table = px.get("tableid") if isinstance(px.get("tableid"), str) else label
    return {"format": format_name, "table": table, "updated": ds.get("updated"), "source": ds.get("source"),
            "label": label}


# --- public entry points ---------------------------------------------------------------------------------------

def read_dataset(obj: Any, options: ReadOptions | None = None, file: str = "<json-stat>",
                 progress: Progress = null_progress) -> ReadResult:
    """Turn a parsed JSON-stat document into the tidy observation table.

    Parameters
    ----------
    obj
        The parsed JSON: a JSON-stat 2.0 dataset, or a 1.x ``{"dataset": …}`` wrapper.
    options
        Indicator mapping and fallback unit (see :class:`ReadOptions`).
    file
        The name problems are reported under.
    progress
        Called as ``(done, total, message)`` while the table is built.

    Returns
    -------
    ReadResult
        The table (``source_row`` = flat cell index), problems for malformed input, and provenance with
        ``format``, ``table``, ``updated``, ``source``, ``label``, ``skipped`` and ``status_ignored``.
    """
    options = options or ReadOptions()
    problems = _Problems(file)
    progress(0, 2, "checking the JSON-stat dimensions")
    ds, format_name = _unwrap(obj, problems)
    cube = None if ds is None else _cube(ds, problems)
    if ds is None or cube is None:
        return ReadResult(empty_table(), problems.items, _provenance(ds or {}, format_name or "json-stat2"))
    provenance = _provenance(ds, format_name)
    provenance["cells"] = len(cube.values)
    progress(1, 2, f"building {len(cube.values)} cells")
    table = _table(cube, options, problems, provenance)
    progress(2, 2, f"read {len(table)} observations")
    return ReadResult(table, problems.items, provenance)


def read_bytes(data: bytes, options: ReadOptions | None = None, file: str = "<json-stat>",
               progress: Progress = null_progress) -> ReadResult:
    """Parse JSON-stat bytes (UTF-8, with or without BOM) and read them with :func:`read_dataset`."""
    try:
        obj = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        return ReadResult(empty_table(), [Problem(file, None, None, f"not valid JSON: {error}")],
                          {"format": "json-stat2"})
    return read_dataset(obj, options, file, progress)


@register
class JsonStatReader:
    """Reads JSON-stat 2.0 datasets from SSB's statbank (v0/v1 and v2) and FHI Statistikk."""

    format: ClassVar[str] = "jsonstat"
    suffixes: ClassVar[tuple[str, ...]] = (".json",)

    def sniff(self, path: Path, head: bytes) -> bool:
        """A JSON object with ``"class": "dataset"`` (and version 2.0 when the head shows one), or a
        ``{"dataset": …}`` wrapper."""
        text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        if not text.startswith(b"{"):
            return False
        if _SNIFF_WRAPPER.match(text):
            return True
        version = _SNIFF_VERSION.search(text)
        return bool(_SNIFF_CLASS.search(text)) and (version is None or version[1] == b"2.0")

    def read(self, path: Path, options: ReadOptions, progress: Progress = null_progress) -> ReadResult:
        """Read the file at ``path``; unreadable files and malformed JSON become problems."""
        try:
            data = path.read_bytes()
        except OSError as error:
            return ReadResult(empty_table(), [Problem(str(path), None, None, f"cannot read the file: {error}")],
                              {"format": "json-stat2"})
        return read_bytes(data, options, str(path), progress)
