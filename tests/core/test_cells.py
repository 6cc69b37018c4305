"""Spreadsheet cells: text that a spreadsheet would run as a formula is guarded, numbers never are, and the
readers' unguard gives back exactly the text that was guarded."""

import datetime
import io
from decimal import Decimal

import numpy as np
import pytest
from openpyxl import Workbook, load_workbook

from lokalagenda.core.cells import FORMULA_STARTS, excel_cell, guard, unguard


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_starting_like_a_formula_gets_an_apostrophe_and_unguard_takes_it_off(start):
    text = f"{start}HYPERLINK(\"http://x\",\"y\")"
    assert guard(text) == "'" + text
    assert unguard(guard(text)) == text


def test_every_dangerous_first_character_is_guarded():
    assert set(FORMULA_STARTS) == {"=", "+", "-", "@", "\t", "\r"}


@pytest.mark.parametrize("text", ["Oslo", "", "0301", "kjønn=kvinne", " =1+1", "a-b", "'s-Hertogenbosch", "'hei"])
def test_innocent_text_and_its_own_apostrophes_are_left_alone(text):
    assert guard(text) == text
    assert unguard(text) == text


@pytest.mark.parametrize("value", [-1.5, -3, 0, -0.0, Decimal("-2.50"), np.float64(-1.5), np.int64(-7),
                                   np.float32(-0.25), True, np.bool_(False), None, datetime.date(2024, 1, 2)])
def test_numbers_booleans_dates_and_none_are_never_changed(value):
    assert guard(value) is value


def test_other_objects_are_guarded_as_their_text():
    class Named:
        def __str__(self) -> str:
            return "=1+1"

    assert guard(Named()) == "'=1+1"


def test_an_apostrophe_a_spreadsheet_user_typed_before_a_formula_reads_as_the_text_shown():
    assert unguard("'=SUM(A1)") == "=SUM(A1)"
    assert unguard("''=x") == "''=x"  # only our one guard apostrophe is ever taken off


def test_excel_cells_are_string_cells_for_text_and_numbers_for_numbers():
    book = Workbook(write_only=True)
    sheet = book.create_sheet("data")
    sheet.append([excel_cell(sheet, value) for value in ("=1+1", None, "@SUM(1)", "Oslo", np.float64(-1.5), -2)])
    sheet.append([excel_cell(sheet, 0.25, "0.0%"), excel_cell(sheet, "-x", "0.0%")])
    buffer = io.BytesIO()
    book.save(buffer)
    loaded = load_workbook(io.BytesIO(buffer.getvalue()))["data"]
    first = list(loaded.iter_rows(min_row=1, max_row=1))[0]
    assert [(cell.data_type, cell.value) for cell in first] == [
        ("s", "'=1+1"), ("n", None), ("s", "'@SUM(1)"), ("s", "Oslo"), ("n", -1.5), ("n", -2)]
    share, text = list(loaded.iter_rows(min_row=2, max_row=2, max_col=2))[0]
    assert (share.value, share.number_format) == (0.25, "0.0%")
    assert (text.data_type, text.value) == ("s", "'-x")
