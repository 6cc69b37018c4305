"""The council brief: status, biggest changes since last year, red areas and actions under way, 2–4 pages."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from lokalagenda.accounts.models import Organisation
from lokalagenda.indicators.models import Observation
from lokalagenda.measurement.services import StatusRules, measure
from lokalagenda.places.place import place_for
from lokalagenda.plans.models import Action, LocalGoal, Plan
from lokalagenda.reports.vlr.brief import changes_since_last_year
from lokalagenda.reports.vlr.rendering import render

pytestmark = pytest.mark.django_db


def test_changes_compare_each_indicators_latest_year_with_the_year_before(measured):
    groups = changes_since_last_year("4601", "en")
    assert groups
    for change in (change for group in groups for change in group.changes):
        assert change.year == change.previous_year + 1
        stored = Observation.objects.get(indicator=change.indicator, place="4601", year=change.year,
                                         disaggregation="")
        before = Observation.objects.get(indicator=change.indicator, place="4601", year=change.previous_year,
                                         disaggregation="")
        assert (change.value, change.previous) == (stored.value, before.value)
        assert not Observation.objects.filter(indicator=change.indicator, place="4601", year__gt=change.year,
                                              disaggregation="").exclude(value=None).exists()
    for group in groups:  # largest first within each kind of unit
        assert all(change.kind == group.kind for change in group.changes)
        sizes = [change.size for change in group.changes]
        assert sizes == sorted(sizes, reverse=True)


def test_brief_pdf_has_two_to_four_pages_and_the_four_parts(measured):
    reader = PdfReader(io.BytesIO(render("brief", "pdf", place_for("4601"), "en")))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert 1 <= len(reader.pages) <= 4
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    for part in ("Council brief – Bergen", "Status", "Biggest changes since last year", "Red areas",
                 "Actions under way"):
        assert part in text


def test_brief_lists_ongoing_actions_of_published_plans_only(measured, client):
    organisation = Organisation.objects.get(slug="kommune-4601")
    published = Plan.objects.create(organisation=organisation, kind="handlingsplan", title="Handlingsplan helse",
                                    start_year=2024, published=True)
    hidden = Plan.objects.create(organisation=organisation, kind="temaplan", title="Utkast", start_year=2024)
    Action.objects.create(goal=LocalGoal.objects.create(plan=published, title="Vaksiner"),
                          title="Vaksinasjonskampanje", status="ongoing")
    Action.objects.create(goal=LocalGoal.objects.create(plan=hidden, title="Skjult"), title="Hemmelig tiltak",
                          status="ongoing")
    html = client.get("/kommune/4601/rapport/brief/?language=en").content.decode()
    assert "Vaksinasjonskampanje" in html and "Handlingsplan helse" in html
    assert "Hemmelig tiltak" not in html
    assert "Biggest changes since last year" in html and '<img src="data:image/svg+xml;base64,' in html


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "For lite data til en samlet indeks (1 av 17 mål målt)."),
    ("nn", "For lite data til ein samla indeks (1 av 17 mål målte)."),
])
def test_the_brief_says_why_there_is_no_index_instead_of_giving_one_from_one_goal(measured, client, language, text):
    measure(rules=StatusRules(as_of_year=2026), force=True)
    html = client.get(f"/kommune/4601/rapport/brief/?language={language}").content.decode()
    assert text in html and "data-no-index" in html

