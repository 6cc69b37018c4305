"""English dates are written day first with the month in words, so no reader takes 5 February for 2 May; bokmål and
nynorsk keep Django's Norwegian formats."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.utils import translation
from django.utils.formats import date_format


@pytest.mark.parametrize("language, long, short", [
    ("en", "2 May 2024", "2 May 2024"), ("nb", "2. mai 2024", "02.05.2024"), ("nn", "2. mai 2024", "02.05.2024"),
])
def test_a_date_is_written_day_first_in_every_language(language, long, short):
    with translation.override(language):
        assert date_format(date(2024, 5, 2), "DATE_FORMAT") == long
        assert date_format(date(2024, 5, 2), "SHORT_DATE_FORMAT") == short


def test_english_shortens_the_month_and_uses_the_24_hour_clock():
    with translation.override("en"):
        assert date_format(date(2024, 6, 20), "SHORT_DATE_FORMAT") == "20 Jun 2024"
        assert date_format(datetime(2024, 6, 20, 16, 5), "DATETIME_FORMAT") == "20 June 2024, 16:05"
