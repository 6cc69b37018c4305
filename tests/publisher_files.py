"""Publishers' own files for the file layouts, built in the tests from hand-made CSV fixtures (no Django)."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook

LAYOUT_FIXTURES = Path(__file__).resolve().parent / "core" / "sources" / "fixtures" / "layouts"
MILJODIREKTORATET_CSV = LAYOUT_FIXTURES / "miljodirektoratet_utslipp.csv"
MILJODIREKTORATET_SHEET = "Oversikt - detaljert"


def _cell(text: str) -> object:
    """A cell as a spreadsheet stores it: a number as a number (``0301`` becomes 301), anything else as text."""
    try:
        number = float(text)
    except ValueError:
        return text or None
    return int(number) if number.is_integer() else number


def workbook_of(source: Path, folder: Path, sheet: str, name: str, before: str | None = "Oversikt") -> Path:
    """The CSV ``source`` written as sheet ``sheet`` of a workbook ``folder/name`` (header as text, other cells
    as :func:`_cell` gives them), after a sheet ``before`` so the layout has to choose its sheet."""
    book = Workbook()
    first = book.active
    if before:
        first.title = before
        first.append(["Klimagassutslipp i kommuner"])
        target = book.create_sheet(sheet)
    else:
        first.title, target = sheet, first
    with source.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    target.append(rows[0])
    for row in rows[1:]:
        target.append([_cell(text) for text in row])
    path = folder / name
    book.save(path)
    return path


def miljodirektoratet_workbook(folder: Path, name: str = "utslippsstatistikk_alle_kommuner.xlsx") -> Path:
    """Miljødirektoratet's emissions workbook, built from :data:`MILJODIREKTORATET_CSV`."""
    return workbook_of(MILJODIREKTORATET_CSV, folder, MILJODIREKTORATET_SHEET, name)
