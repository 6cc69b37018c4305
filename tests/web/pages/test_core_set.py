"""The core set's page (``/indikatorer/kjernesett/``, ``web.pages.core_set``): its indicators by goal with their facts
and whether their fetch specs are verified, its revision log, and a national editor's forms to add and remove."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

import lokalagenda.indicators
from lokalagenda.connectors.models import FetchSpec
from lokalagenda.indicators.catalogue_loading import load_catalogue_file
from lokalagenda.indicators.models import Indicator, IndicatorSetChange
from lokalagenda.indicators.set_membership import edit_core_set
from tests.fixtures import CORE_SET_SAMPLE

pytestmark = pytest.mark.django_db

IDS = {"TEST_CORE_LOW_INCOME", "TEST_CORE_LIFE_EXPECTANCY", "TEST_CORE_TURNOUT", "TEST_CORE_WASTEWATER"}
PAGE = "/indikatorer/kjernesett/"
EDIT = "/indikatorer/kjernesett/endre/"


@pytest.fixture
def english(client):
    client.cookies["lokalagenda_language"] = "en"
    return client


def log() -> list[tuple[str, str, str, str]]:
    return list(IndicatorSetChange.objects.order_by("id").values_list("indicator_id", "action", "source", "reason"))


def _goal_sections(html: str) -> dict[int, str]:
    parts = re.split(r'<section class="coreset-goal goal-banner" data-goal="(\d+)"', html)[1:]
    return {int(number): body.split("</section>")[0] for number, body in zip(parts[::2], parts[1::2], strict=True)}


def test_page_groups_the_indicators_by_goal_with_counts_and_says_why_a_goal_is_thin(loaded_core_set, english):
    response = english.get(PAGE)
    assert response.status_code == 200
    goals = _goal_sections(response.content.decode())
    assert sorted(goals) == list(range(1, 18))
    assert "Persistent low income" in goals[1] and "Persistent low income" in goals[10]
    assert "Wastewater treatment in compliance" in goals[6] and "Wastewater treatment in compliance" in goals[14]
    assert "1 indicator" in goals[16] and "Voter turnout" in goals[16]
    assert "Only one indicator measures this goal" in goals[14] and "100-metre shore zone" in goals[14]
    assert "No indicator in the core set measures this goal yet" in goals[2]
    assert "aid, trade" in goals[17].lower()


def test_page_shows_each_indicators_facts_and_whether_its_fetch_spec_is_verified(loaded_core_set, english):
    FetchSpec.objects.create(indicator_id="TEST_CORE_TURNOUT", publisher="valg", table="ko", contents="frammote")
    html = english.get(PAGE).content.decode()
    goals = _goal_sections(html)
    assert "Meld. St. 40 (2020–2021)" in goals[1] and "best 5, worst 20" in goals[1]
    assert ('Statistisk sentralbyrå (SSB), table 12944; <a class="ds-link" '
            'href="https://creativecommons.org/licenses/by/4.0/deed.no">CC BY 4.0</a>') in goals[1]
    assert "not verified" in goals[16] and "none yet" in goals[3]
    assert "Official, yearly, kommune level, a rate." in goals[1]
    assert "Selection criteria" in html and "not a mirror of size" in html


def test_page_shows_names_and_definitions_in_the_active_language(loaded_core_set, client):
    client.cookies["lokalagenda_language"] = "nn"
    html = client.get(PAGE).content.decode()
    assert "Vedvarande låginntekt" in html and "Andel personer i husholdninger med vedvarende" in html  # nb fallback


def test_revision_log_on_the_page_is_newest_first_with_the_reason_and_who(loaded_core_set, english, national_editor):
    edit_core_set(national_editor, Indicator.objects.get(id="TEST_CORE_TURNOUT"), "removed", "Every four years only")
    html = english.get(PAGE).content.decode()
    log_html = html.split('id="log-heading"')[1]
    assert log_html.index("Every four years only") < log_html.index(f"Loaded from {CORE_SET_SAMPLE.name}")
    assert "national-editor" in log_html


def test_anonymous_visitors_see_no_form_and_cannot_post(loaded_core_set, client):
    html = client.get(PAGE).content.decode()
    assert EDIT not in html and "csrfmiddlewaretoken" not in html
    response = client.post(EDIT, {"action": "removed", "indicator": "TEST_CORE_TURNOUT", "reason": "x"})
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    assert IndicatorSetChange.objects.count() == len(IDS)


def test_a_kommune_editor_gets_403(loaded_core_set, client, oslo_editor):
    client.force_login(oslo_editor)
    assert EDIT not in client.get(PAGE).content.decode()
    response = client.post(EDIT, {"action": "removed", "indicator": "TEST_CORE_TURNOUT", "reason": "x"})
    assert response.status_code == 403
    assert loaded_core_set.indicators.filter(id="TEST_CORE_TURNOUT").exists()


def test_national_editor_adds_and_removes_an_indicator_with_a_reason(loaded_core_set, english, national_editor):
    english.force_login(national_editor)
    assert EDIT in english.get(PAGE).content.decode()
    added = english.post(EDIT, {"action": "added", "indicator": "VAX_MEASLES_AGE2", "reason": "Vaccination, 3.b"},
                         follow=True)
    assert added.redirect_chain == [(PAGE, 302)]
    assert "was added to the core set" in added.content.decode()
    assert loaded_core_set.indicators.filter(id="VAX_MEASLES_AGE2").exists()
    removed = english.post(EDIT, {"action": "removed", "indicator": "VAX_MEASLES_AGE2", "reason": "Not yearly"})
    assert removed.status_code == 302 and not loaded_core_set.indicators.filter(id="VAX_MEASLES_AGE2").exists()
    assert log()[-2:] == [("VAX_MEASLES_AGE2", "added", "", "Vaccination, 3.b"),
                          ("VAX_MEASLES_AGE2", "removed", "", "Not yearly")]


def test_a_change_without_a_reason_or_of_an_unknown_indicator_is_refused(loaded_core_set, english, national_editor):
    english.force_login(national_editor)
    response = english.post(EDIT, {"action": "added", "indicator": "VAX_MEASLES_AGE2", "reason": ""})
    assert response.status_code == 400 and "This field is required." in response.content.decode()
    response = english.post(EDIT, {"action": "added", "indicator": "NO_SUCH_THING", "reason": "why not"})
    assert response.status_code == 400 and "There is no indicator NO_SUCH_THING" in response.content.decode()
    response = english.post(EDIT, {"action": "removed", "indicator": "VAX_MEASLES_AGE2", "reason": "gone"})
    assert response.status_code == 400 and "is not in the core set" in response.content.decode()
    assert IndicatorSetChange.objects.count() == len(IDS)


def test_page_before_the_core_set_is_loaded_says_so(english):
    html = english.get(PAGE).content.decode()
    assert "has not been loaded" in html and "No changes yet." in html


def test_catalogue_page_links_to_the_core_set(client):
    assert f'href="{PAGE}"' in client.get("/indikatorer/").content.decode()


def test_page_reads_the_shipped_spec_files_before_the_first_sync(english):
    path = Path(lokalagenda.indicators.__file__).resolve().parent / "coreset" / "g09_17.csv"
    load_catalogue_file(path, set_slug="kjernesett")
    assert not FetchSpec.objects.exists()
    html = english.get(PAGE).content.decode()
    turnout = html[html.index("Voter turnout, Storting elections"):]
    assert "verified: the evidence names every code it asks for" in turnout[:turnout.index("</details>")]
