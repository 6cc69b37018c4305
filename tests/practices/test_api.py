"""``/api/practices.csv``: text that people typed (titles, summaries, partner names) never runs as a formula in
the spreadsheet that opens the download."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from lokalagenda.partnerships.models import Partner

pytestmark = pytest.mark.django_db


def test_csv_cells_that_start_like_formulas_get_an_apostrophe(client: Any, make_practice: Any,
                                                            oslo_editor: Any) -> None:
    partner = Partner.objects.create(name="@SUM(1)", kind=Partner.Kind.BUSINESS)
    practice = make_practice(oslo_editor, title="=HYPERLINK(\"http://x\",\"y\")", summary="+1 til alle",
                             partners=(partner,), start_year=2021, published=True)
    response = client.get("/api/practices.csv")
    (row,) = [row for row in csv.DictReader(io.StringIO(response.content.decode())) if row["id"] == str(practice.pk)]
    assert row["title"] == "'=HYPERLINK(\"http://x\",\"y\")"
    assert row["summary"] == "'+1 til alle" and row["partners"] == "'@SUM(1)"
    assert row["start_year"] == "2021" and row["organisation"] == "kommune-0301"
