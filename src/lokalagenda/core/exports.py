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
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from typing import Any, BinaryIO, ClassVar, Protocol, TypeVar

import pandas as pd

from lokalagenda.core.cells import guard_row
from lokalagenda.core.errors import LokalagendaError
from lokalagenda.core.observations import normalise
from lokalagenda.core.sources.excel import write_excel
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
