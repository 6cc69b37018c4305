"""Open SDG data files: the CSV files an Open SDG site (open-sdg/sdg-build) keeps one per indicator.

A file such as ``data/indicator_1-1-1.csv`` has the columns ``Year``, optionally ``Series`` and ``Units``, any
number of disaggregation columns (``Sex``, ``Age`` …; an empty cell is the total), optionally ``GeoCode``, and
``Value``; sites may add ``Observation status`` and the SDMX attribute columns sdg-build knows. They map onto the
tidy table so:

==========================================  ===============================================================
Open SDG column                             tidy table
==========================================  ===============================================================
``Year``                                    ``year``
``GeoCode``                                 ``place`` (an empty cell, or no such column: the country ``0``)
``Units`` (else ``Unit measure``)           ``unit`` (empty: ``ReadOptions.unit``)
``Observation status`` (or ``OBS_STATUS``)  ``flag`` (``E``/``estimated``, ``P``/``provisional`` …)
``Value``                                   ``value`` (empty: NaN with the flag ``missing``)
``Series`` and every other column           ``disaggregation``: the header lower-cased is the key
``Unit multiplier``, ``COMMENT_OBS`` …      ignored (see :data:`IGNORED_COLUMNS`)
==========================================  ===============================================================

A geography given as a disaggregation (a ``Kommune`` column of names) stays a disaggregation: only ``GeoCode``
is the place. The file does not name its indicator, so ``ReadOptions.indicator`` must.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import IO, Any, ClassVar

import numpy as np
import pandas as pd

from lokalagenda.core.cells import guard
from lokalagenda.core.errors import LokalagendaError
from lokalagenda.core.observations import (
    COUNTRY,
    Problem,
    ReadResult,
    empty_table,
    normalise,
    parse_disaggregation,
)
from lokalagenda.core.progress import Progress, null_progress
from lokalagenda.core.sources import tabular
from lokalagenda.core.sources.registry import ReadOptions, register

YEAR, VALUE, GEOCODE, UNITS, SERIES, STATUS = "Year", "Value", "GeoCode", "Units", "Series", "Observation status"
#: Columns that name the unit, the first present wins.
UNIT_COLUMNS = (UNITS, "Unit measure", "UNIT_MEASURE")
STATUS_COLUMNS = (STATUS, "OBS_STATUS")
#: Columns sdg-build treats as neither disaggregations nor data (its ``non_disaggregation_columns`` and
#: ``observation_attributes`` defaults), which the tidy table has no place for.
IGNORED_COLUMNS = ("Unit multiplier", "UNIT_MULT", "COMMENT_TS", "DATA_LAST_UPDATE", "COMMENT_OBS", "SOURCE_DETAIL")
#: Headers that mark a generic tidy CSV rather than an Open SDG file (whose place column is GeoCode).
PLACE_CODE_COLUMNS = ("kommunenummer", "kommunenr", "municipality_code", "place", "fylkesnummer", "fylkesnr")
FILE_NAME = re.compile(r"indicator_(\d{1,2})-([0-9a-z]{1,2})-(\d{1,2})", re.IGNORECASE)
PARSER_LINE = re.compile(r"line (\d+)")


class OpenSdgError(LokalagendaError, ValueError):
    """A table that cannot be written as an Open SDG data file."""


@register
class OpenSdgReader:
    """Reads an Open SDG data CSV (UTF-8) of one indicator; ``ReadOptions.indicator`` says which."""

    format: ClassVar[str] = "opensdg"
    suffixes: ClassVar[tuple[str, ...]] = (".csv",)

    def sniff(self, path: Path, head: bytes) -> bool:
        """The header row has a ``Year`` and a ``Value`` column (capitalised, as Open SDG writes them), and no
        kommunenummer-like column (a kommune's own tidy CSV with ``Year`` and ``Value`` headers is not one)."""
        first_line = head.decode("utf-8-sig", errors="replace").splitlines()[:1]
        header = next(csv.reader(first_line), [])
        codes = {tabular.plain_name(name) for name in PLACE_CODE_COLUMNS}
        return YEAR in header and VALUE in header and not any(tabular.plain_name(name) in codes for name in header)

    def read(self, path: Path, options: ReadOptions, progress: Progress = null_progress) -> ReadResult:
        """The tidy table of the file, with every problem found; never raises on a bad file."""
        file = str(path)
        provenance: dict[str, Any] = {"file": file, "format": self.format}
        progress(0, 1, "reading the Open SDG file")
        frame, problems = _read_csv(path, file)
        if frame is not None:
            result = read_frame(frame, file, options)
            problems += result.problems
            table, provenance = result.table, {**provenance, **result.provenance}
        else:
            table = empty_table()
        if not options.indicator:
            problems.insert(0, Problem(file, None, None, _indicator_needed(path)))
        progress(1, 1, "read")
        return ReadResult(table, problems, provenance)


def _indicator_needed(path: Path) -> str:
    message = "an Open SDG file holds one indicator but does not say which: give --indicator"
    match = FILE_NAME.search(path.name)
    return f"{message} (the file name suggests SDG indicator {'.'.join(match.groups())})" if match else message


def _read_csv(path: Path, file: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    """The cells of a UTF-8 CSV file as text, the first row as the header; or a problem saying why not."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, [Problem(file, None, None, f"cannot read the file: {error.strerror or error}")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = data[: error.start].count(b"\n") + 1
        message = (f"the file is not UTF-8 text (byte 0x{data[error.start]:02x} in row {row} is not UTF-8); "
                   "save it as UTF-8 (in Excel: CSV UTF-8)")
        return None, [Problem(file, row, None, message)]
    try:
        cells = pd.read_csv(io.StringIO(text), header=None, dtype=str, keep_default_na=False, na_filter=False)
    except pd.errors.EmptyDataError:
        return None, [Problem(file, None, None, "the file is empty")]
    except pd.errors.ParserError as error:
        line = PARSER_LINE.search(str(error))
        return None, [Problem(file, int(line.group(1)) if line else None, None, f"not a valid CSV file: {error}")]
    return cells.iloc[1:].set_axis(list(cells.iloc[0]), axis=1).reset_index(drop=True), []


def columns_of(names: list[str]) -> tabular.Columns:
    """Which Open SDG column plays which role (headers compared ignoring case, spaces and ``_``)."""
    by_plain = {tabular.plain_name(name): name for name in reversed(names)}

    def first(*candidates: str) -> str | None:
        return next((by_plain[key] for key in map(tabular.plain_name, candidates) if key in by_plain), None)

    roles = {"year": first(YEAR), "value": first(VALUE), "place": first(GEOCODE), "unit": first(*UNIT_COLUMNS),
             "flag": first(*STATUS_COLUMNS)}
    taken = {name for name in roles.values() if name is not None}
    unused = {tabular.plain_name(name) for name in (*UNIT_COLUMNS, *STATUS_COLUMNS, *IGNORED_COLUMNS)}
    ignored = tuple(name for name in names if name not in taken and tabular.plain_name(name) in unused)
    breakdowns = tuple(name for name in names if name not in taken and name not in ignored)
    return tabular.Columns(**roles, breakdowns=breakdowns, ignored=ignored)


def read_frame(frame: pd.DataFrame, file: str, options: ReadOptions) -> ReadResult:
    """The tidy table of an Open SDG data table already read as text (header = row 1).

    Parameters
    ----------
    frame
        The cells as text under their headers.
    file
        The file name problems name.
    options
        ``indicator`` for every row; ``unit`` for rows without one.
    """
    frame, problems, repeated = tabular.prepare(frame, file)
    columns = columns_of(list(frame.columns))
    if repeated:
        return ReadResult(empty_table(), problems, {})
    missing = [name for name, role in ((YEAR, columns.year), (VALUE, columns.value)) if role is None]
    if missing:
        message = f"missing column(s) of an Open SDG data file: {', '.join(missing)}"
        return ReadResult(empty_table(), [*problems, Problem(file, 1, None, message)], {})
    result = tabular.from_columns(frame, columns, file, options, default_place=COUNTRY)
    result.problems[:0] = problems
    result.provenance["layout"] = "opensdg"
    return result


def write_open_sdg(table: pd.DataFrame, path_or_buffer: str | Path | IO[str]) -> None:
    """Write a tidy table of one indicator as an Open SDG data CSV (UTF-8).

    The columns are ``Year``, ``Series`` (when a disaggregation has the key ``series``), ``Units`` (when a row
    has a unit), one column per other disaggregation key (the key is the header), ``GeoCode`` (when a place is
    not the country; the country's cell is empty), ``Observation status`` (when a row has a flag) and ``Value``.
    Text cells and headers that a spreadsheet would run as a formula get a leading apostrophe
    (:func:`~lokalagenda.core.cells.guard`). Reading the file back with :class:`OpenSdgReader` and the indicator
    gives the same table.

    Raises
    ------
    OpenSdgError
        If the table holds more than one indicator, or a disaggregation key would clash with a column Open SDG
        reserves (``year``, ``value``, ``geocode`` …).
    """
    data = normalise(table)
    indicators = sorted(set(data["indicator"]))
    if len(indicators) > 1:
        raise OpenSdgError(f"an Open SDG file holds one indicator; the table has {len(indicators)}: "
                           f"{', '.join(indicators)}")
    breakdowns = _breakdowns(data["disaggregation"])
    columns: dict[str, Any] = {YEAR: data["year"]}
    if "series" in breakdowns:
        columns[SERIES] = breakdowns.pop("series")
    if (data["unit"] != "").any():
        columns[UNITS] = data["unit"]
    columns.update(breakdowns)
    if (data["place"] != COUNTRY).any():
        columns[GEOCODE] = data["place"].where(data["place"] != COUNTRY, "")
    if (data["flag"] != "").any():
        columns[STATUS] = data["flag"]
    # Text cells and headers are guarded against formula injection (see lokalagenda.core.cells); values are
    # numbers and written as they are.
    guarded = {guard(name): column.map(guard) if isinstance(column, pd.Series) else column
               for name, column in columns.items()}
    guarded[VALUE] = [_number(value) for value in data["value"]]
    pd.DataFrame(guarded).to_csv(path_or_buffer, index=False, lineterminator="\n", encoding="utf-8")


def _breakdowns(disaggregation: pd.Series) -> dict[str, pd.Series]:
    """One column of values per disaggregation key (``""`` where a row has no value for the key)."""
    codes, uniques = pd.factorize(disaggregation)
    parsed = [parse_disaggregation(key) for key in uniques]
    keys = sorted({key for parts in parsed for key in parts})
    reserved = {tabular.plain_name(name) for name in (YEAR, VALUE, GEOCODE, *UNIT_COLUMNS, *STATUS_COLUMNS,
                                                      *IGNORED_COLUMNS)}
    clashes = [key for key in keys if tabular.plain_name(key) in reserved or key != key.lower()]
    if clashes:
        raise OpenSdgError(f"disaggregation key(s) {', '.join(clashes)} cannot be Open SDG columns "
                           "(reserved, or not lower case)")
    return {key: pd.Series(np.array([parts.get(key, "") for parts in parsed] or [""], dtype=object)[codes],
                           index=disaggregation.index) for key in keys}


def _number(value: float) -> str:
    """The shortest text that reads back as the same float; empty for NaN."""
    if np.isnan(value):
        return ""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text
