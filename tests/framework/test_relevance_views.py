"""The page of the targets' local relevance, a target's relevance with its history, and editors' refinements."""

import re
from collections import Counter

import pytest
from django.urls import reverse

from lokalagenda.accounts.models import AuditEntry
from lokalagenda.framework.models import TargetRelevance, TargetRelevanceChange

pytestmark = pytest.mark.django_db

REFINEMENT = {"kommune": "medium", "fylkeskommune": "low", "rationale": "Kommunen kan kreve eiendomsskatt.",
              "source": "Eigedomsskattelova (lov 6. juni 1975 nr. 29)", "comment": "Eiendomsskatt er kommunal"}


@pytest.fixture
def english(client):
    client.cookies["lokalagenda_language"] = "en"
    return client


def _counts(field):
    return Counter(TargetRelevance.objects.values_list(field, flat=True))


def test_page_states_the_counts_of_the_stored_levels(english):
    html = english.get(reverse("framework:relevance")).content.decode()
    k, f = _counts("kommune"), _counts("fylkeskommune")
    assert (f"{k['high'] + k['medium'] + k['low']} of the 169 targets are relevant for kommuner "
            f"({k['high']} high, {k['medium']} medium, {k['low']} low);") in html
    assert f"{f['high'] + f['medium'] + f['low']} for fylkeskommuner ({f['high']} high," in html
    assert html.count("<tr data-target=") == 169


def test_page_filters_by_level_of_government_relevance_and_goal(english):
    html = english.get(reverse("framework:relevance"),
                       {"government": "fylkeskommune", "relevance": "high", "goal": 4}).content.decode()
    shown = re.findall(r'<tr data-target="([^"]+)"', html)
    expected = TargetRelevance.objects.filter(target__goal=4, fylkeskommune="high").values_list("target", flat=True)
    assert shown and shown == list(expected)


def test_page_filter_for_some_relevance_leaves_out_the_none(english):
    html = english.get(reverse("framework:relevance"), {"relevance": "relevant", "goal": 17}).content.decode()
    shown = set(re.findall(r'<tr data-target="([^"]+)"', html))
    assert shown == set(TargetRelevance.objects.filter(target__goal=17).exclude(kommune="none")
                        .values_list("target", flat=True))
    assert "17.1" not in shown


def test_page_says_what_is_wrong_with_a_bad_filter(english):
    response = english.get(reverse("framework:relevance"), {"goal": 99})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()


def test_target_page_links_to_its_relevance(client):
    html = client.get(reverse("framework:target", args=["6.1"])).content.decode()
    assert 'href="/delmal/6.1/lokal-relevans/"' in html
    assert TargetRelevance.objects.get(target="6.1").rationale in html


def test_relevance_of_a_target_shows_rationale_source_and_the_seed_history(english):
    relevance = TargetRelevance.objects.get(target="11.5")
    response = english.get(reverse("framework:target-relevance", args=["11.5"]))
    html = response.content.decode()
    assert response.status_code == 200 and relevance.rationale in html and relevance.source in html
    assert "First assessment, from the national list of service areas" in html and "lokal-relevans/endre/" not in html


def test_seed_comment_is_shown_in_words_and_stored_as_it_was(english):
    change = TargetRelevanceChange.objects.filter(relevance="11.5").get()
    html = english.get(reverse("framework:target-relevance", args=["11.5"])).content.decode()
    assert change.comment == "Seed from service_areas.yaml"
    assert "service_areas.yaml" not in html and "national list of service areas</td>" in html


def test_national_editor_refines_a_target_and_the_change_is_in_its_history(english, national_editor):
    english.force_login(national_editor)
    url = reverse("framework:target-relevance-edit", args=["17.1"])
    assert english.get(url).status_code == 200
    response = english.post(url, REFINEMENT)
    assert response.status_code == 302 and response.url == "/delmal/17.1/lokal-relevans/"
    relevance = TargetRelevance.objects.get(target="17.1")
    assert relevance.kommune == "medium" and relevance.origin == "editor" and relevance.changed_by == national_editor
    change = TargetRelevanceChange.objects.filter(relevance=relevance).first()
    assert change.user == national_editor and change.comment == REFINEMENT["comment"]
    assert change.before["kommune"] == "none" and change.after["kommune"] == "medium"
    audit = AuditEntry.objects.get(model="framework.TargetRelevance", object_pk="17.1")
    assert audit.user == national_editor and audit.after["fylkeskommune"] == "low"
    html = english.get(response.url).content.decode()
    assert "Eiendomsskatt er kommunal" in html and "national-editor" in html


def test_history_names_levels_in_the_words_of_the_relevance_page(english, national_editor):
    english.force_login(national_editor)
    english.post(reverse("framework:target-relevance-edit", args=["17.1"]), REFINEMENT)
    html = english.get(reverse("framework:target-relevance", args=["17.1"])).content.decode()
    assert "Relevance for kommuner: from none to medium" in html
    assert "none → medium" not in html and "→" not in html


def test_saving_the_same_values_records_nothing(english, national_editor):
    english.force_login(national_editor)
    relevance = TargetRelevance.objects.get(target="6.1")
    english.post(reverse("framework:target-relevance-edit", args=["6.1"]), {
        "kommune": relevance.kommune, "fylkeskommune": relevance.fylkeskommune, "rationale": relevance.rationale,
        "source": relevance.source, "comment": "no change"})
    assert TargetRelevanceChange.objects.filter(relevance="6.1").count() == 1
    assert TargetRelevance.objects.get(target="6.1").origin == "seed"


def test_refinement_needs_a_comment_and_a_known_level(english, national_editor):
    english.force_login(national_editor)
    response = english.post(reverse("framework:target-relevance-edit", args=["17.1"]),
                            {**REFINEMENT, "kommune": "very", "comment": ""})
    html = response.content.decode()
    assert response.status_code == 200 and "Select a valid choice" in html and "This field is required" in html
    assert TargetRelevance.objects.get(target="17.1").origin == "seed"


def test_kommune_editor_cannot_refine_relevance(client, oslo_editor):
    client.force_login(oslo_editor)
    url = reverse("framework:target-relevance-edit", args=["17.1"])
    assert client.get(url).status_code == 403
    assert client.post(url, REFINEMENT).status_code == 403
    assert TargetRelevance.objects.get(target="17.1").kommune == "none"


def test_anonymous_visitor_is_sent_to_log_in_and_changes_nothing(client):
    response = client.post(reverse("framework:target-relevance-edit", args=["17.1"]), REFINEMENT)
    assert response.status_code == 302 and reverse("accounts:login") in response.url
    assert TargetRelevance.objects.get(target="17.1").origin == "seed"


def test_national_editor_sees_the_refine_button(client, national_editor):
    client.force_login(national_editor)
    html = client.get(reverse("framework:target-relevance", args=["4.1"])).content.decode()
    assert 'href="/delmal/4.1/lokal-relevans/endre/"' in html
