"""Measured values are written with at most two decimals and no trailing zeros, in the reader's number format, so a
table column never mixes "88,30" with "96"."""

from __future__ import annotations

import pytest
from django.utils import translation

from lokalagenda.ui.numbers import number


@pytest.mark.parametrize("value, nb, en", [
    (88.3, "88,3", "88.3"), (96.0, "96", "96"), (0.9287, "0,93", "0.93"), (1234.567, "1\xa0234,57", "1,234.57"),
    (-0.001, "0", "0"), (12, "12", "12"),
])
def test_values_have_at_most_two_decimals_without_trailing_zeros(value, nb, en):
    with translation.override("nb"):
        assert number(value) == nb
    with translation.override("en"):
        assert number(value) == en


def test_no_value_is_empty_so_the_template_default_shows():
    assert number(None) == "" and number("") == "" and number(float("nan")) == ""
