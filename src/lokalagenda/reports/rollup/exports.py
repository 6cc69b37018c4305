"""The national roll-up as files: Excel, CSV and JSON, chosen through a registry of formats.

* ``xlsx``: a README sheet (metadata, sources, every table's columns) and one sheet per table: a bold header
  row of the columns' names in the reader's language, the stable column keys in the second row, both frozen;
  numbers stored as numbers, shares formatted as percentages, text always a string cell (never a formula).
* ``csv``: a zip of one CSV per table (UTF-8, comma, a header row) with ``README.txt``; with ``table`` just that
  table's CSV.
* ``json``: one document ``{"metadata": {...}, "sources": [...], "tables": {name: {"title", "columns", "rows"}}}``.

Network names, target texts an editor corrected and sources are people's text: in Excel and CSV every text cell
goes through :mod:`lokalagenda.core.cells`, so one that starts like a formula (``=1+1``) gets a leading apostrophe
and never runs; numbers are written as they are.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from lokalagenda.core.cells import excel_cell, guard_row
from lokalagenda.core.errors import LokalagendaError
from lokalagenda.reports.rollup.build import Rollup
from lokalagenda.reports.rollup.tables import Table, metadata_items, rollup_tables

NUMBER_FORMATS = {"decimal": "0.00", "share": "0.0%"}
MAX_COLUMN_WIDTH = 60


class RollupExportError(LokalagendaError):
    """An unknown format or table was asked for; the message lists the known ones."""


@dataclass(frozen=True)
class ExportFormat:
    name: str
    content_type: str
    extension: str
    write: Callable[[Rollup, list[Table]], bytes]


def select_tables(tables: list[Table], table: str | None) -> list[Table]:
    if table is None:
        return tables
    chosen = [item for item in tables if item.name == table]
    if not chosen:
        names = ", ".join(item.name for item in tables)
        raise RollupExportError(f"The roll-up has no table “{table}”; choose one of: {names}.")
    return chosen


# Excel ---------------------------------------------------------------------------------------------------------

def _widths(rows: list[list[Any]]) -> list[float]:
    """Column widths that fit the longest value of each column (within bounds)."""
    widths: list[float] = []
    for row in rows:
        for index, value in enumerate(row):
            if index == len(widths):
                widths.append(8)
            if value is not None:
                widths[index] = min(max(widths[index], len(str(value)) + 2), MAX_COLUMN_WIDTH)
    return widths


def _start_sheet(workbook: Workbook, title: str, header: list[str], widths: list[float],
                 codes: list[str] | None = None) -> Any:
    """A streamed sheet with its column widths set and a bold header row frozen at the top; with ``codes``, a
    second header row of the column keys (in grey) below the reader's names."""
    sheet = workbook.create_sheet(title[:31])
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A3" if codes else "A2"
    for names, font in ((header, Font(bold=True)), (codes or [], Font(italic=True, color="595959"))):
        if names:
            cells = []
            for name in names:
                cell = excel_cell(sheet, name)
                cell.font = font
                cells.append(cell)
            sheet.append(cells)
    return sheet


def _table_sheet(workbook: Workbook, table: Table) -> None:
    """A table's sheet: the columns' names in the reader's language, the stable keys below, then the rows."""
    header = [column.label for column in table.columns]
    codes = [column.name for column in table.columns]
    sheet = _start_sheet(workbook, table.name, header, _widths([header, codes, *table.rows]), codes)
    formats = [NUMBER_FORMATS.get(column.kind) for column in table.columns]
    for row in table.rows:
        sheet.append([excel_cell(sheet, value, number_format) for value, number_format in zip(row, formats,
                                                                                                strict=True)])


def _readme_rows(rollup: Rollup, tables: list[Table]) -> list[list[Any]]:
    rows: list[list[Any]] = [[key, value] for key, value in metadata_items(rollup)]
    rows += [["source", source] for source in rollup.metadata.sources]
    for table in tables:
        rows += [[], [table.name, table.title]]
        rows += [[f"{table.name}.{column.name}", column.kind, column.description] for column in table.columns]
    return rows


def write_xlsx(rollup: Rollup, tables: list[Table]) -> bytes:
    workbook = Workbook(write_only=True)
    header = [_("field"), _("value"), _("description")]
    rows = _readme_rows(rollup, tables)
    readme = _start_sheet(workbook, "README", header, _widths([header, *rows]))
    for row in rows:
        readme.append([excel_cell(readme, value) for value in row])
    for table in tables:
        _table_sheet(workbook, table)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# CSV -----------------------------------------------------------------------------------------------------------

def table_csv(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(guard_row(column.name for column in table.columns))
    writer.writerows(["" if cell is None else cell for cell in guard_row(row)] for row in table.rows)
    return buffer.getvalue()


def readme_text(rollup: Rollup, tables: list[Table]) -> str:
    lines = [f"{key}: {value}" for key, value in metadata_items(rollup)]
    lines += [f"source: {source}" for source in rollup.metadata.sources]
    for table in tables:
        lines += ["", f"{table.name}.csv — {table.title}"]
        lines += [f"  {column.name}: {column.description}" for column in table.columns]
    return "\n".join(lines) + "\n"


def write_csv(rollup: Rollup, tables: list[Table]) -> bytes:
    if len(tables) == 1:
        return table_csv(tables[0]).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", readme_text(rollup, tables))
        for table in tables:
            archive.writestr(f"{table.name}.csv", table_csv(table))
    return buffer.getvalue()


# JSON ----------------------------------------------------------------------------------------------------------

def rollup_document(rollup: Rollup, tables: list[Table]) -> dict[str, Any]:
    """The roll-up as one JSON-ready document (the JSON download and ``GET /api/rollup``)."""
    return {
        "metadata": dict(metadata_items(rollup)) | {"narrowed_runs": rollup.metadata.narrowed_runs,
                                                    "methods": rollup.metadata.methods,
                                                    "publishers": rollup.metadata.publishers},
        "sources": rollup.metadata.sources,
        "tables": {table.name: {"title": table.title,
                                "columns": [{"name": column.name, "kind": column.kind,
                                             "description": column.description} for column in table.columns],
                                "rows": table.records()} for table in tables},
    }


def write_json(rollup: Rollup, tables: list[Table]) -> bytes:
    return json.dumps(rollup_document(rollup, tables), ensure_ascii=False).encode("utf-8")


FORMATS: dict[str, ExportFormat] = {
    "xlsx": ExportFormat("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx",
                         write_xlsx),
    "csv": ExportFormat("csv", "application/zip", "zip", write_csv),
    "json": ExportFormat("json", "application/json", "json", write_json),
}


@dataclass(frozen=True)
class ExportedFile:
    content: bytes
    content_type: str
    filename: str


def export_rollup(rollup: Rollup, format_name: str, *, table: str | None = None) -> ExportedFile:
    """The roll-up in ``format_name`` (``xlsx``, ``csv`` or ``json``), all tables or only ``table``.

    Raises ``RollupExportError`` for an unknown format or table.
    """
    if format_name not in FORMATS:
        raise RollupExportError(f"Unknown roll-up format “{format_name}”; choose one of: {', '.join(FORMATS)}.")
    export = FORMATS[format_name]
    with translation.override(rollup.metadata.language):  # column names and descriptions in the roll-up's language
        tables = select_tables(rollup_tables(rollup), table)
        content = export.write(rollup, tables)
    stem = f"lokalagenda-rollup-run{rollup.metadata.run_id}" + (f"-{table}" if table else "")
    single_csv = format_name == "csv" and table is not None
    return ExportedFile(content,
                        "text/csv; charset=utf-8" if single_csv else export.content_type,
                        f"{stem}.{'csv' if single_csv else export.extension}")
