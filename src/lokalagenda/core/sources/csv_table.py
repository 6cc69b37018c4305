"""Tidy CSV files, long (one value a row) or wide (years as columns), such as the bundle's
``indicators/values.csv`` or a kommune's own spreadsheet saved as CSV. Comma, semicolon or tab separated;
UTF-8 (with or without BOM). Codes are read as text, so leading zeros stay."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import ClassVar

import pandas as pd

from lokalagenda.core.observations import Problem, ReadResult, empty_table
from lokalagenda.core.progress import Progress, null_progress
from lokalagenda.core.sources import tabular
from lokalagenda.core.sources.registry import ReadOptions, register

SEPARATORS = (",", ";", "\t")


def _header(head: bytes) -> tuple[list[str], str] | None:
    try:
        first = head.decode("utf-8-sig").splitlines()[0]
    except (UnicodeDecodeError, IndexError):
        return None
    separator = max(SEPARATORS, key=first.count)
    fields = next(csv.reader(io.StringIO(first), delimiter=separator), None)
    return (fields, separator) if fields else None


@register
class CsvTableReader:
    format: ClassVar[str] = "csv"
    suffixes: ClassVar[tuple[str, ...]] = (".csv", ".txt", ".tsv")

    def sniff(self, path: Path, head: bytes) -> bool:
        header = _header(head)
        return header is not None and tabular.detect_layout(header[0]) is not None

    def read(self, path: Path, options: ReadOptions, progress: Progress = null_progress) -> ReadResult:
        file = str(path)
        with path.open("rb") as handle:
            header = _header(handle.read(64 * 1024))
        if header is None:
            return _failed(file, "the file is not UTF-8 text (save it as CSV UTF-8) or is empty")
        columns, separator = header
        layout = tabular.detect_layout(columns)
        if layout is None:
            return _failed(file, "the header names no kommunenummer/place column with years or a year and a value "
                                 f"column (found: {', '.join(columns)})", row=1)
        progress(0, 2, f"reading {file}")
        try:
            frame = pd.read_csv(path, sep=separator, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        except UnicodeDecodeError as error:
            return _failed(file, f"the file is not UTF-8 text (byte {error.start}); save it as CSV UTF-8")
        except (pd.errors.ParserError, ValueError) as error:
            return _failed(file, f"the file cannot be read as CSV: {error}")
        progress(1, 2, f"checking {len(frame):,} rows")
        result = tabular.from_long(frame, file, options) if layout == "long" else \
            tabular.from_wide(frame, file, options)
        result.provenance.update({"format": f"csv ({layout})", "file": file})
        progress(2, 2, "done")
        return result


def _failed(file: str, message: str, row: int | None = None) -> ReadResult:
    return ReadResult(empty_table(), [Problem(file, row, None, message)], {"file": file})
