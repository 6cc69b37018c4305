"""Stored units are shown in the reader's language when they are common ones, and as stored otherwise."""

from __future__ import annotations

import pytest
from django.utils import translation

from lokalagenda.indicators.models import Indicator
from lokalagenda.indicators.units import unit_label


@pytest.mark.parametrize("language, expected", [("nb", "prosent"), ("nn", "prosent"), ("en", "percent")])
def test_percent_is_written_in_the_active_language(language, expected):
    with translation.override(language):
        assert unit_label("percent") == expected
        assert unit_label(" Percent ") == expected


def test_an_unknown_unit_is_shown_as_stored_and_no_unit_stays_empty():
    with translation.override("nb"):
        assert unit_label("kWh per innbygger") == "kWh per innbygger"
        assert unit_label("") == ""
        assert Indicator(id="X", unit="persons/km2").unit_label == "innbyggere per km²"
