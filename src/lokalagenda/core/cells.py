"""Cells of the spreadsheet files we write (CSV and Excel), guarded against formula injection.

A spreadsheet program reads a cell whose text starts with ``=``, ``+``, ``-`` or ``@`` (and, in some programs,
a tab or a carriage return before one) as a formula. Text in our exports comes from people (practice titles,
partner and network names, an editor's target text) and from imported files (a revision's source, a unit, a
disaggregation), so such a cell could run ``=HYPERLINK(…)`` or worse on the computer of whoever opens the
download. Every CSV and Excel writer of the project passes its cells through :func:`guard`, which puts an
apostrophe before such text (OWASP's advice: spreadsheets show the text as written). Numbers are never
touched: a negative value stays the number it is, in CSV as in Excel. :func:`excel_cell` writes text as a
string cell, never as a formula.

The project's own readers take the guard off again (:func:`unguard`, in
:func:`lokalagenda.core.sources.tabular.cell_text`), so an export read back is the table that was written: only
an apostrophe followed by one of :data:`FORMULA_STARTS` is removed, which is exactly what :func:`guard` adds;
an apostrophe before anything else (``'s-Hertogenbosch``) is the text's own and stays. A file that really had
``'=x`` in a text cell reads as ``=x``, which is what a spreadsheet shows for it too.
"""

from __future__ import annotations

import datetime
import numbers
from typing import Any

import numpy as np
from openpyxl.cell import WriteOnlyCell

#: First characters that make a spreadsheet read a text cell as a formula.
FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
#: What :func:`guard` puts before such text.
GUARD = "'"
#: Values written as they are: numbers (Python's, Decimal, NumPy's), booleans, dates and times.
_NOT_TEXT = (numbers.Number, np.number, np.bool_, datetime.date, datetime.time, datetime.timedelta)


def guard(value: Any) -> Any:
    """The value as a CSV or Excel cell may safely hold it.

    Parameters
    ----------
    value
        A cell: ``None``, a number, a boolean, a date, or text (anything else is written as its ``str``).

    Returns
    -------
    Any
        ``None``, numbers, booleans and dates unchanged; text with an apostrophe before it when it starts with
        one of :data:`FORMULA_STARTS`, else the text unchanged.
    """
    if value is None or isinstance(value, _NOT_TEXT):
        return value
    text = value if isinstance(value, str) else str(value)
    return GUARD + text if text.startswith(FORMULA_STARTS) else text


def guard_row(values: Any) -> list[Any]:
    """Every cell of a row through :func:`guard`."""
    return [guard(value) for value in values]


def unguard(text: str) -> str:
    """The text :func:`guard` was given: an apostrophe followed by a formula's first character is taken off."""
    if text.startswith(GUARD) and text[1:2] and text[1] in FORMULA_STARTS:
        return text[1:]
    return text


def excel_cell(sheet: Any, value: Any, number_format: str | None = None) -> Any:
    """A value for a row of a write-only openpyxl sheet: text guarded and always a string cell (openpyxl would
    make text starting with ``=`` a formula), NumPy numbers as Python numbers, ``number_format`` on a number.

    Parameters
    ----------
    sheet
        The write-only worksheet the row goes to.
    value
        The cell's value.
    number_format
        An Excel number format (``"0.0%"``) for a number; ignored for text and empty cells.
    """
    if isinstance(value, np.generic):
        value = value.item()
    value = guard(value)
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    if number_format is None or value is None:
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = number_format
    return cell
