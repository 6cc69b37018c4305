"""File layouts: how to read a publisher's own download that has no API, described as data.

Some publishers (Miljødirektoratet's emissions per kommune, for one) offer no API that can be proven here, only
a file to download by hand. A *layout* says how such a file is read, so ``lokalagenda import FILE --layout NAME``
can import it without a guessed connector. Each layout is a small JSON document (the shipped ones are in
``lokalagenda/indicators/layouts/``):

=================  ==============================================================================================
key                meaning
=================  ==============================================================================================
``name``           what ``--layout`` takes, e.g. ``miljodirektoratet-utslipp``
``publisher``      who publishes the file
``title``          what the file is, in a line
``download``       where and how to download it (URL, which file, which sheet)
``sheet``          the worksheet of an Excel file (ignored for a CSV file)
``header_row``     the row of the column headers as a spreadsheet shows it (1 = the first row)
``columns``        for each role (``place``, ``year``, ``value``) the header(s) it may have, e.g.
                   ``{"value": ["Utslipp (tonn CO2-ekvivalenter)", "Utslipp (tonn CO₂-ekvivalenter)"]}``
``sum_over``       headers of breakdown columns (sector, gas …) whose rows are added up to one value per place
                   and year; empty when the file has one row per place and year
``described_by``   headers that only describe (names next to codes) and are read past
``indicator``      the catalogue indicator the values are for
``unit``           the unit of the values
``evidence``       where each header was seen: ``[{"source": …, "shows": …}]`` (at least one)
``unproven``       what the evidence does not show (optional)
=================  ==============================================================================================

The file must have exactly the layout's columns (headers compared as :func:`tabular.header_text` gives them): a
missing column, or one the layout does not name, is a problem at the header row naming the column, because a
column the publisher added may be a new breakdown that summing would count twice. Cells are then read as any
tidy file's (decimal comma, ``..``/``:``/``.`` symbols, kommunenummer with a dropped zero, see
:mod:`lokalagenda.core.sources.tabular`). When rows are summed, a sum with an empty part (suppressed, missing)
is not made up: the value stays empty with the part's flag (``suppressed`` before ``missing`` before
``not_applicable``).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from lokalagenda.core.errors import LokalagendaError
from lokalagenda.core.observations import KEY, Problem, ReadResult, empty_table, normalise
from lokalagenda.core.progress import Progress, null_progress
from lokalagenda.core.sources import tabular
from lokalagenda.core.sources.excel import read_sheet
from lokalagenda.core.sources.registry import ReadOptions

#: The roles a layout must name a column for.
ROLES = ("place", "year", "value")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
CSV_SEPARATORS = (",", ";", "\t")
#: Which flag a summed value with an empty part takes: the highest ranked among its parts.
EMPTY_FLAG_RANK = {"not_applicable": 1, "missing": 2, "suppressed": 3}
REQUIRED_KEYS = ("name", "publisher", "title", "download", "header_row", "columns", "indicator", "unit", "evidence")


class LayoutError(LokalagendaError):
    """A layout file cannot be read, or a layout name is unknown."""


@dataclass(frozen=True)
class FileLayout:
    """How one publisher's file is read (see the module documentation for each field)."""

    name: str
    publisher: str
    title: str
    download: str
    header_row: int
    columns: Mapping[str, tuple[str, ...]]
    indicator: str
    unit: str
    evidence: tuple[Mapping[str, str], ...]
    sheet: str | None = None
    sum_over: tuple[str, ...] = ()
    described_by: tuple[str, ...] = ()
    unproven: str = ""

    def known_headers(self) -> set[str]:
        """Every header the file may have."""
        return {*(name for names in self.columns.values() for name in names), *self.sum_over, *self.described_by}


def layout_of(data: Mapping[str, Any], source: str) -> FileLayout:
    """A layout from its JSON object; :class:`LayoutError` naming ``source`` and the key when it is malformed."""
    missing = [key for key in REQUIRED_KEYS if key not in data]
    if missing:
        raise LayoutError(f"{source}: missing key(s): {', '.join(missing)}")
    columns = data["columns"]
    if not isinstance(columns, dict) or any(role not in columns for role in ROLES):
        raise LayoutError(f"{source}: 'columns' must name the headers of each of: {', '.join(ROLES)}")
    if set(columns) - set(ROLES):
        raise LayoutError(f"{source}: 'columns' has unknown role(s): {', '.join(sorted(set(columns) - set(ROLES)))}")
    evidence = data["evidence"]
    if not isinstance(evidence, list) or not evidence or not all(
            isinstance(item, dict) and item.get("source") and item.get("shows") for item in evidence):
        raise LayoutError(f"{source}: 'evidence' must be a non-empty list of {{\"source\", \"shows\"}} objects")
    header_row = data["header_row"]
    if not isinstance(header_row, int) or isinstance(header_row, bool) or header_row < 1:
        raise LayoutError(f"{source}: 'header_row' must be a row number (1 or more)")
    return FileLayout(
        name=str(data["name"]), publisher=str(data["publisher"]), title=str(data["title"]),
        download=str(data["download"]), header_row=header_row,
        columns={role: _names(columns[role]) for role in ROLES}, indicator=str(data["indicator"]),
        unit=str(data["unit"]), evidence=tuple(dict(item) for item in evidence), sheet=data.get("sheet"),
        sum_over=_names(data.get("sum_over", [])), described_by=_names(data.get("described_by", [])),
        unproven=str(data.get("unproven", "")),
    )


def _names(value: Any) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(str(name) for name in value)


def read_layouts(folder: Path) -> dict[str, FileLayout]:
    """Every layout of the ``*.json`` files in ``folder``, by name; :class:`LayoutError` for a bad file or a name
    used twice."""
    layouts: dict[str, FileLayout] = {}
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise LayoutError(f"{path}: cannot read the layout: {error}") from error
        if not isinstance(data, dict):
            raise LayoutError(f"{path}: a layout file holds one JSON object")
        layout = layout_of(data, str(path))
        if layout.name in layouts:
            raise LayoutError(f"{path}: layout {layout.name!r} is defined twice")
        layouts[layout.name] = layout
    return layouts


def choose(layouts: Mapping[str, FileLayout], name: str) -> FileLayout:
    """The layout called ``name``, or :class:`LayoutError` listing the known ones."""
    if name not in layouts:
        known = ", ".join(sorted(layouts)) or "none"
        raise LayoutError(f"unknown layout {name!r}; the known layouts are: {known} (`lokalagenda import "
                          "--list-layouts` describes them)")
    return layouts[name]


# --- reading ------------------------------------------------------------------------------------------------


def read_with_layout(path: Path, layout: FileLayout, options: ReadOptions | None = None,
                     progress: Progress = null_progress) -> ReadResult:
    """The tidy table of a publisher's file read by ``layout``, with every problem found; never raises on bad input.

    Parameters
    ----------
    path
        The downloaded file: an Excel workbook (the layout's sheet) or the same sheet saved as CSV.
    layout
        How the file is laid out.
    options
        ``indicator`` stores the values under another catalogue indicator than the layout's.
    progress
        Called as the file is read.
    """
    file = str(path)
    options = options or ReadOptions()
    provenance: dict[str, Any] = {
        "file": file, "layout": layout.name, "publisher": layout.publisher, "layout_title": layout.title,
        "evidence": [item["source"] for item in layout.evidence]}
    progress(0, 3, f"reading {file}")
    cells, problems = _cells(path, layout, file)
    if cells is None:
        return ReadResult(empty_table(), problems, provenance)
    if layout.sheet and path.suffix.lower() in EXCEL_SUFFIXES:
        provenance["sheet"] = layout.sheet
    progress(1, 3, "checking the columns")
    headers = [tabular.header_text(cell) for cell in cells.iloc[layout.header_row - 1]] \
        if len(cells) >= layout.header_row else []
    roles, problems = _match_headers(headers, layout, file)
    if problems:
        return ReadResult(empty_table(), problems, provenance)
    frame = cells.iloc[layout.header_row:].set_axis(headers, axis=1).reset_index(drop=True)
    columns = tabular.Columns(**roles)
    result = tabular.from_columns(frame[list(roles.values())], columns, file,
                                  ReadOptions(indicator=options.indicator or layout.indicator, unit=layout.unit),
                                  header_row=layout.header_row)
    progress(2, 3, "adding up the rows" if layout.sum_over else "read")
    table = summed(result.table) if layout.sum_over else result.table
    provenance.update(format=f"{layout.name} ({'xlsx' if path.suffix.lower() in EXCEL_SUFFIXES else 'csv'})",
                      header_row=layout.header_row, columns=roles, summed_over=list(layout.sum_over))
    progress(3, 3, "read")
    return ReadResult(table, result.problems, provenance)


def _cells(path: Path, layout: FileLayout, file: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Every cell of the file as text, without a header; or the problem that stops reading it."""
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        _sheet, cells, problems = read_sheet(path, layout.sheet, file)
        return cells, problems
    if suffix in CSV_SUFFIXES:
        return _csv_cells(path, file)
    expected = ", ".join((*EXCEL_SUFFIXES, *CSV_SUFFIXES))
    return None, [Problem(file, None, None, f"layout {layout.name!r} reads Excel or CSV files ({expected}), not "
                                            f"{suffix or 'a file without a suffix'}")]


def _csv_cells(path: Path, file: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        return None, [Problem(file, None, None, f"the file is not UTF-8 text (byte {error.start}); save it as "
                                                "CSV UTF-8")]
    first = text.splitlines()[0] if text else ""
    separator = max(CSV_SEPARATORS, key=first.count)
    rows = list(csv.reader(io.StringIO(text), delimiter=separator))
    if not rows:
        return None, [Problem(file, None, None, "the file is empty")]
    width = max(len(row) for row in rows)
    return pd.DataFrame([row + [""] * (width - len(row)) for row in rows], dtype=object), []


def _match_headers(headers: list[str], layout: FileLayout, file: str) -> tuple[dict[str, str], list[Problem]]:
    """Which header plays each role; problems (at the header row, naming the column) for a column the layout
    expects but the file lacks, a column the layout does not know, and a header that appears twice."""
    row = layout.header_row
    problems: list[Problem] = []
    roles: dict[str, str] = {}
    present = [header for header in headers if header]
    for role, names in layout.columns.items():
        found = [name for name in names if name in present]
        if found:
            roles[role] = found[0]
        else:
            problems.append(Problem(file, row, names[0], _missing_message(layout, role, names, present)))
    for name in (*layout.sum_over, *layout.described_by):
        if name not in present:
            problems.append(Problem(file, row, name, _missing_message(layout, None, (name,), present)))
    known = layout.known_headers()
    for name in dict.fromkeys(present):
        if name not in known:
            problems.append(Problem(file, row, name, f"layout {layout.name!r} has no column {name!r}: the file is "
                                    "not this layout, or the publisher changed it (check the file before importing; "
                                    "a new breakdown would be counted twice)"))
        elif present.count(name) > 1:
            problems.append(Problem(file, row, name, "the header appears more than once"))
    return roles, problems


def _missing_message(layout: FileLayout, role: str | None, names: tuple[str, ...], present: list[str]) -> str:
    what = f"the {role} column" if role else "the column"
    spelled = " or ".join(repr(name) for name in names)
    found = ", ".join(present) or "no headers"
    return (f"layout {layout.name!r} expects {what} {spelled} in header row {layout.header_row}; the file has: "
            f"{found}")


def summed(table: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator, place, year and disaggregation: the values added up, the first row's ``source_row``.

    A sum with an empty part is empty, flagged as its highest-ranked empty part (:data:`EMPTY_FLAG_RANK`).
    """
    if table.empty:
        return table
    parts = table.assign(_empty=table["value"].isna(), _rank=table["flag"].map(EMPTY_FLAG_RANK).fillna(0))
    grouped = parts.groupby(list(KEY), sort=False, observed=True)
    totals = grouped.agg(value=("value", "sum"), empty=("_empty", "any"), rank=("_rank", "max"),
                         unit=("unit", "first"), source_row=("source_row", "min")).reset_index()
    flag_of_rank = {rank: flag for flag, rank in EMPTY_FLAG_RANK.items()}
    totals["flag"] = [flag_of_rank.get(int(rank), "missing") if empty else ""
                      for empty, rank in zip(totals["empty"], totals["rank"], strict=True)]
    totals.loc[totals["empty"], "value"] = float("nan")
    return normalise(totals.sort_values("source_row"))
