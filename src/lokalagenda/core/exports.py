"""Writing a selection of observations as a file: the registry of export formats.

Each format is a writer class registered under its name with :func:`register`; :func:`writer_for` picks one, so
no caller chooses a format with an if/elif chain. A writer writes a tidy table (see
:mod:`lokalagenda.core.observations`) and its provenance to a binary file:

============  ==========================================================================================
format        file
============  ==========================================================================================
``csv``       the tidy table in the long layout, UTF-8 with a header row: ``indicator, place, year,
              disaggregation, value, unit, flag, source``; an empty ``value`` cell where there is none
``xlsx``      an Excel workbook (:func:`~lokalagenda.core.sources.excel.write_excel`): sheet ``data`` (with
              ``labels``, a row of column names in the reader's language above the codes), and
              sheet ``sources`` with the provenance
``jsonstat``  a JSON-stat 2.0 dataset (:func:`~lokalagenda.core.sources.jsonstat_writer.write_jsonstat`)
``opensdg``   an Open SDG data CSV (:func:`~lokalagenda.core.sources.open_sdg.write_open_sdg`); one indicator
              only
============  ==========================================================================================

Every CSV and Excel cell of text goes through :func:`lokalagenda.core.cells.guard`: text a spreadsheet would run
as a formula (``=``, ``+``, ``-``, ``@`` …) gets a leading apostrophe, numbers are never changed, and the
project's readers take the apostrophe off again, so a file reads back as the table that was written.

The provenance is a dict (a reader's ``ReadResult.provenance``) or a list of dicts, one per stored revision the
table's rows come from: ``{"indicator": …, "revision": …, "source": …}``. The CSV ``source`` column is the
table's own ``source`` column when it has one, else the sources the provenance names for the row's indicator.

A chart's numbers, which are not always observations (medians, histogram bins, goal scores), are a
:class:`ChartTable` written by :func:`write_chart_table` as CSV or Excel, with the source and licence in the file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO, ClassVar, Protocol, TypeVar

import pandas as pd
from openpyxl import Workbook

from lokalagenda.core.cells import excel_cell, guard_row
from lokalagenda.core.errors import LokalagendaError
from lokalagenda.core.observations import normalise
from lokalagenda.core.sources.excel import DATA_SHEET, SOURCES_SHEET, write_excel
from lokalagenda.core.sources.jsonstat_writer import write_jsonstat
from lokalagenda.core.sources.open_sdg import write_open_sdg

Provenance = Sequence[Mapping[str, Any]] | Mapping[str, Any]

#: The header of the CSV export.
CSV_COLUMNS: tuple[str, ...] = ("indicator", "place", "year", "disaggregation", "value", "unit", "flag", "source")


class UnknownExportFormat(LokalagendaError, ValueError):
    """No registered writer has this format name."""


class Writer(Protocol):
    """Writes one format: ``media_type`` and ``suffix`` name the file; ``one_indicator`` says whether the format
    holds a single indicator only (then a table of several is refused with a domain error)."""

    format: ClassVar[str]
    media_type: ClassVar[str]
    suffix: ClassVar[str]
    one_indicator: ClassVar[bool]

    def write(self, table: pd.DataFrame, provenance: Provenance, out: BinaryIO,
              labels: Mapping[str, str] | None = None) -> None:
        """Write the file; ``labels`` (column code → name in the reader's language) adds a header row for
        people above the codes in formats that have room for one (Excel); the others ignore it."""
        ...


_WRITERS: dict[str, type[Writer]] = {}
W = TypeVar("W", bound=type)


def register(cls: W) -> W:
    """Class decorator: make a writer available under its ``format`` name."""
    _WRITERS[cls.format] = cls  # type: ignore[attr-defined]
    return cls


def export_formats() -> list[str]:
    """The registered format names, in the order they were registered."""
    return list(_WRITERS)


def writer_for(format: str) -> Writer:
    """The writer of ``format``.

    Raises
    ------
    UnknownExportFormat
        If no writer is registered under that name.
    """
    if format not in _WRITERS:
        raise UnknownExportFormat(f"unknown export format {format!r}; choose one of: {', '.join(_WRITERS)}")
    return _WRITERS[format]()


def number_text(value: float) -> str:
    """The shortest text that reads back as the same float (``717710``, ``12.5``); empty for NaN."""
    if value != value:
        return ""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def row_sources(table: pd.DataFrame, provenance: Provenance) -> list[str]:
    """The source of each row: the table's ``source`` column, else the provenance's sources of its indicator."""
    if "source" in table.columns:
        return table["source"].fillna("").astype(str).tolist()
    if isinstance(provenance, Mapping):
        single = str(provenance.get("source") or provenance.get("file") or "")
        return [single] * len(table)
    grouped: dict[str, list[str]] = {}
    for entry in provenance:
        grouped.setdefault(str(entry.get("indicator", "")), []).append(str(entry.get("source") or ""))
    by_indicator = {indicator: "; ".join(dict.fromkeys(filter(None, names))) for indicator, names in grouped.items()}
    return [by_indicator.get(indicator, "") for indicator in normalise(table)["indicator"]]


@register
class CsvWriter:
    """The tidy table as a UTF-8 CSV file (no byte order mark), with the source of each row."""

    format: ClassVar[str] = "csv"
    media_type: ClassVar[str] = "text/csv; charset=utf-8"
    suffix: ClassVar[str] = ".csv"
    one_indicator: ClassVar[bool] = False

    def write(self, table: pd.DataFrame, provenance: Provenance, out: BinaryIO,
              labels: Mapping[str, str] | None = None) -> None:
        data = normalise(table)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        # Text cells are guarded against formula injection; the value column is numbers, written as they are.
        columns = [guard_row(data[name].tolist()) for name in ("indicator", "place", "year", "disaggregation")]
        rest = [guard_row(data[name].tolist()) for name in ("unit", "flag")]
        values = [number_text(value) for value in data["value"].tolist()]
        for row in zip(*columns, values, *rest, guard_row(row_sources(table, provenance)), strict=True):
            writer.writerow(row)
        out.write(buffer.getvalue().encode("utf-8"))


@register
class ExcelWriter:
    """An Excel workbook: the tidy table, and the provenance (a list goes in as ``sources``)."""

    format: ClassVar[str] = "xlsx"
    media_type: ClassVar[str] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    suffix: ClassVar[str] = ".xlsx"
    one_indicator: ClassVar[bool] = False

    def write(self, table: pd.DataFrame, provenance: Provenance, out: BinaryIO,
              labels: Mapping[str, str] | None = None) -> None:
        sources = dict(provenance) if isinstance(provenance, Mapping) else {"sources": list(provenance)}
        target: Any = out  # openpyxl saves to a binary file as well as to a path
        write_excel(table, target, sources, labels)


@register
class JsonStatWriter:
    """A JSON-stat 2.0 dataset, the provenance in ``extension.lokalagenda.sources``."""

    format: ClassVar[str] = "jsonstat"
    media_type: ClassVar[str] = "application/json"
    suffix: ClassVar[str] = ".json"
    one_indicator: ClassVar[bool] = False

    def write(self, table: pd.DataFrame, provenance: Provenance, out: BinaryIO,
              labels: Mapping[str, str] | None = None) -> None:
        write_jsonstat(table, out, provenance)


@register
class OpenSdgWriter:
    """An Open SDG data CSV of one indicator (the provenance is not written: the format has no place for it)."""

    format: ClassVar[str] = "opensdg"
    media_type: ClassVar[str] = "text/csv; charset=utf-8"
    suffix: ClassVar[str] = ".csv"
    one_indicator: ClassVar[bool] = True

    def write(self, table: pd.DataFrame, provenance: Provenance, out: BinaryIO,
              labels: Mapping[str, str] | None = None) -> None:
        buffer = io.StringIO()
        write_open_sdg(table, buffer)
        out.write(buffer.getvalue().encode("utf-8"))


# --- A chart's data as a file -----------------------------------------------------------------------------------
# A chart's numbers are not always observations (medians, histogram bins, goal scores), so they are written as a
# plain table of named columns. The source and the licence travel in the file as two columns of every row
# (``source``, ``licence``): a spreadsheet opens the file with no import options and ``pandas.read_csv`` reads it
# with none either, where leading comment rows would need ``comment="#"`` (which also cuts a value holding a
# "#") or ``skiprows``, and a trailing block would break the column types. Excel files also have a ``sources``
# sheet with the whole attribution, one key and value a row, like the observation export's.

#: The licence Lokalagenda publishes its own results under (goal scores, statuses, medians, plan coverage): the
#: national roll-up's and the chart downloads'. Here, below every app, so that each app's downloads can name it;
#: ``measurement.labels`` gives it to the pages under the same name.
LICENCE_OF_RESULTS = "CC BY 4.0"
#: The two columns every chart-data file ends with.
ATTRIBUTION_COLUMNS: tuple[str, str] = ("source", "licence")


@dataclass(frozen=True)
class ChartTable:
    """The numbers of one chart, and where they come from.

    ``columns`` are stable English keys (scripts read them), ``labels`` their names in the reader's language
    (the Excel file's first row), ``rows`` the cells (text, numbers or ``None``), ``source`` and ``licence`` the
    attribution written into every row, ``about`` further lines of the Excel ``sources`` sheet (the title, the
    page), and ``stem`` the file name without its suffix.
    """

    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    source: str
    licence: str
    stem: str
    labels: Mapping[str, str] = field(default_factory=dict)
    about: Mapping[str, str] = field(default_factory=dict)

    def header(self) -> tuple[str, ...]:
        """The column keys of the file: the chart's columns, then source and licence."""
        return (*self.columns, *ATTRIBUTION_COLUMNS)

    def records(self) -> list[list[Any]]:
        """Every row with its source and licence, guarded against formula injection."""
        return [guard_row([*row, self.source, self.licence]) for row in self.rows]


def _chart_csv(table: ChartTable, out: BinaryIO) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.header())
    for row in table.records():
        writer.writerow(["" if cell is None else number_text(cell) if isinstance(cell, float) else cell
                         for cell in row])
    out.write(buffer.getvalue().encode("utf-8"))


def _chart_excel(table: ChartTable, out: BinaryIO) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(DATA_SHEET)
    sheet.append([excel_cell(sheet, table.labels.get(key, key)) for key in table.header()])
    sheet.append(list(table.header()))
    for row in table.records():
        sheet.append([excel_cell(sheet, cell) for cell in row])
    sources = book.create_sheet(SOURCES_SHEET)
    sources.append(["key", "value"])
    for key, value in {**table.about, "source": table.source, "licence": table.licence}.items():
        sources.append([excel_cell(sources, key), excel_cell(sources, value)])
    target: Any = out
    book.save(target)


#: How a chart's data is written, by format name: the suffix, the media type and the writer.
CHART_FORMATS: dict[str, tuple[str, str, Callable[[ChartTable, BinaryIO], None]]] = {
    "csv": (CsvWriter.suffix, CsvWriter.media_type, _chart_csv),
    "xlsx": (ExcelWriter.suffix, ExcelWriter.media_type, _chart_excel),
}


def write_chart_table(table: ChartTable, format: str, out: BinaryIO) -> tuple[str, str]:
    """Write a chart's data as ``csv`` or ``xlsx``; returns the file name and the media type.

    Raises
    ------
    UnknownExportFormat
        If ``format`` is not one of :data:`CHART_FORMATS`.
    """
    if format not in CHART_FORMATS:
        raise UnknownExportFormat(f"unknown chart data format {format!r}; choose one of: {', '.join(CHART_FORMATS)}")
    suffix, media_type, write = CHART_FORMATS[format]
    write(table, out)
    return table.stem + suffix, media_type
