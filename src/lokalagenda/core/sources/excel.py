"""Excel workbooks (``.xlsx``, ``.xlsm``): one sheet in the long or the wide layout, and the tidy-table export.

The sheet is read with openpyxl through :func:`pandas.read_excel` with every cell as text, so a kommunenummer
typed as text keeps its leading zero (and one a spreadsheet stored as the number 301 gets it back, see
:func:`~lokalagenda.core.sources.tabular.parse_place`). The header may sit below a title: the first of the top
rows that names a layout's columns is taken as the header, and problems name the rows as the spreadsheet shows
them. The cells are then read by :mod:`lokalagenda.core.sources.tabular`, like a CSV file's.

A workbook is a zip package; its parts' unpacked sizes are checked (:func:`~lokalagenda.core.archives.check_zip`)
before openpyxl opens it, so a workbook padded to unpack to gigabytes is refused instead of read.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

import pandas as pd
from openpyxl import Workbook

from lokalagenda.core.archives import ArchiveError, check_zip
from lokalagenda.core.cells import excel_cell
from lokalagenda.core.observations import COLUMNS, Problem, ReadResult, empty_table, normalise
from lokalagenda.core.progress import Progress, null_progress
from lokalagenda.core.sources import tabular
from lokalagenda.core.sources.registry import ReadOptions, register

ZIP_MAGIC = b"PK\x03\x04"
#: How many rows from the top may come before the header (titles, notes, blank rows).
HEADER_SEARCH_ROWS = 30
DATA_SHEET = "data"
SOURCES_SHEET = "sources"
CANNOT_READ = "cannot read the file as an Excel workbook (.xlsx)"


@register
class ExcelReader:
    """Reads one sheet of an Excel workbook; ``ReadOptions.sheet`` names it (default: the first)."""

    format: ClassVar[str] = "xlsx"
    suffixes: ClassVar[tuple[str, ...]] = (".xlsx", ".xlsm")

    def sniff(self, path: Path, head: bytes) -> bool:
        """An Office Open XML workbook is a zip file."""
        return head.startswith(ZIP_MAGIC)

    def read(self, path: Path, options: ReadOptions, progress: Progress = null_progress) -> ReadResult:
        """The tidy table of the sheet, with every problem found; never raises on a bad or damaged file."""
        file = str(path)
        provenance: dict[str, Any] = {"file": file, "format": self.format}
        progress(0, 2, "reading the workbook")
        sheet, cells, problems = read_sheet(path, options.sheet, file)
        if cells is None:
            return ReadResult(empty_table(), problems, provenance)
        provenance["sheet"] = sheet
        header = find_header(cells)
        if header is None:
            message = (f"cannot find a header row in the first {HEADER_SEARCH_ROWS} rows of sheet {sheet!r}: expected "
                       "place, year and value columns (long) or a place column and year columns such as 2020 (wide)")
            return ReadResult(empty_table(), [Problem(file, None, None, message)], provenance)
        progress(1, 2, "reading the cells")
        frame = cells.iloc[header + 1:].set_axis(list(cells.iloc[header]), axis=1).reset_index(drop=True)
        result = tabular.from_frame(frame, file, options, header_row=header + 1)
        result.provenance = {**provenance, "header_row": header + 1, **result.provenance}
        progress(2, 2, "read")
        return result


def read_sheet(path: Path, sheet: str | None, file: str) -> tuple[str | None, pd.DataFrame | None, list[Problem]]:
    """The name and the cells (all text, no header) of a workbook's sheet, or a problem saying why not.

    Parameters
    ----------
    path
        The workbook.
    sheet
        The sheet's name (matched exactly, else ignoring case); ``None`` for the first sheet.
    file
        The file name problems name.
    """
    try:
        check_zip(path, name=Path(file).name)
    except ArchiveError as error:
        return None, None, [Problem(file, None, None, f"{CANNOT_READ}: {error.message}")]
    try:
        with pd.ExcelFile(path, engine="openpyxl") as book:
            names = [str(name) for name in book.sheet_names]
            chosen = _choose_sheet(names, sheet)
            if chosen is None:
                message = f"the workbook has no sheet named {sheet!r}; its sheets are: {', '.join(names)}"
                return None, None, [Problem(file, None, None, message)]
            return chosen, pd.read_excel(book, sheet_name=chosen, header=None, dtype=str), []
    except Exception as error:  # a damaged workbook can fail anywhere in zipfile, XML or openpyxl: report it
        message = f"{CANNOT_READ}: {type(error).__name__}: {error}"
        return None, None, [Problem(file, None, None, message)]


def _choose_sheet(names: list[str], sheet: str | None) -> str | None:
    if not names:
        return None
    if sheet is None:
        return names[0]
    if sheet in names:
        return sheet
    folded = [name for name in names if name.casefold() == sheet.casefold()]
    return folded[0] if len(folded) == 1 else None


def find_header(cells: pd.DataFrame) -> int | None:
    """The position of the first of the top rows whose cells name a layout's columns, or ``None``. When the row
    below names a layout too, that one is the header: a row of labels in the reader's language sits above the
    column codes (as :func:`write_excel` writes them)."""
    rows = min(HEADER_SEARCH_ROWS, len(cells))
    for position in range(rows):
        if tabular.detect_layout(cells.iloc[position].tolist()) is not None:
            below = position + 1
            if below < len(cells) and tabular.detect_layout(cells.iloc[below].tolist()) is not None:
                return below
            return position
    return None


def write_excel(table: pd.DataFrame, path: Path | str, provenance: Mapping[str, Any] | None = None,
                labels: Mapping[str, str] | None = None) -> None:
    """Write a tidy table as a workbook: sheet ``data`` in the long layout, and sheet ``sources`` with the
    provenance (one key and value a row, nested values as JSON) when one is given.

    With ``labels`` (column code → its name in the reader's language) the data sheet starts with a row of those
    names and has the column codes in its second row, which is the header the readers use.

    Place codes are written as text, so ``0301`` keeps its zero; every text is a string cell, never a formula,
    guarded by :func:`~lokalagenda.core.cells.excel_cell` (``=1+1`` is written ``'=1+1``); numbers stay numbers.
    Reading the file back with :class:`ExcelReader` gives the same table (the reader takes the guard off).

    Parameters
    ----------
    table
        A tidy observation table (see :mod:`lokalagenda.core.observations`).
    path
        Where to write the ``.xlsx`` file.
    provenance
        Where the data came from, e.g. a :class:`~lokalagenda.core.observations.ReadResult`'s ``provenance``.
    labels
        The columns' names for people, by column code; codes without one are repeated.
    """
    data = normalise(table)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(DATA_SHEET)
    if labels:
        sheet.append([excel_cell(sheet, labels.get(column, column)) for column in COLUMNS])
    sheet.append(list(COLUMNS))
    values = data["value"].astype(object).where(data["value"].notna(), None)
    for row in zip(*(values if column == "value" else data[column] for column in COLUMNS), strict=True):
        sheet.append([excel_cell(sheet, value) for value in row])
    if provenance is not None:
        sources = book.create_sheet(SOURCES_SHEET)
        sources.append(["key", "value"])
        for key, value in provenance.items():
            text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
            sources.append([excel_cell(sources, str(key)), excel_cell(sources, text)])
    book.save(path)
