"""A token with the ``read`` scope lets a script read what its organisation's members read: the drafts of that one
organisation (priorities, plans, practices, partnerships), through the same endpoints, with ``Authorization: Bearer``
instead of a session. Nothing more: never another organisation's drafts, and never writes.
"""

import pytest

from lokalagenda.accounts.models import Membership, Organisation
from lokalagenda.accounts.tokens import issue_token
from lokalagenda.framework.models import Goal
from lokalagenda.partnerships.services import save_partnership
from lokalagenda.places.models import Kommune
from lokalagenda.plans.services import save_plan, save_priorities
from lokalagenda.practices.services import PracticeData, save_practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def oslo():
    return Organisation.objects.get(slug="kommune-0301")


@pytest.fixture
def drafts(oslo, oslo_editor):
    """One draft of each kind Oslo owns; the URLs that show them to Oslo's members, and a word each holds."""
    save_priorities(oslo, oslo_editor, statement="Utkast: klima", goals=list(Goal.objects.filter(number=13)),
                    targets=[], published=False)
    plan = save_plan(oslo, oslo_editor, kind="samfunnsdel", title="Utkast til samfunnsdel", start_year=2025,
                     end_year=2040, status="consultation", url="", published=False)
    practice = save_practice(oslo, oslo_editor, PracticeData(
        title="Utkast: skolemat", summary="Et tiltak.", body="", kommuner=list(Kommune.objects.filter(number="0301")),
        start_year=2024, end_year=None, targets=[], partners=[], themes=[]))
    partnership = save_partnership(oslo_editor, oslo, None, title="Utkast: dugnad", status="planned", published=False,
                                   partners=[], targets=[])
    return {
        "/api/kommuner/0301/priorities": "Utkast: klima",
        "/api/kommuner/0301/plans": "Utkast til samfunnsdel",
        f"/api/kommuner/0301/plans/{plan.id}": "Utkast til samfunnsdel",
        "/api/practices": "Utkast: skolemat",
        "/api/practices.csv": "Utkast: skolemat",
        f"/api/practices/{practice.id}": "Utkast: skolemat",
        "/api/partnerships": "Utkast: dugnad",
        "/api/partnerships.csv": "Utkast: dugnad",
        f"/api/partnerships/{partnership.id}": "Utkast: dugnad",
    }


def _get(client, url, secret=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"} if secret else {}
    return client.get(url, **headers)


def test_a_read_token_shows_its_organisations_drafts(client, oslo, oslo_editor, drafts):
    _token, secret = issue_token(oslo_editor, oslo, "les", ["read"])
    for url, word in drafts.items():
        response = _get(client, url, secret)
        assert response.status_code == 200 and word in response.content.decode(), url


def test_without_a_token_the_drafts_stay_hidden(client, drafts):
    for url, word in drafts.items():
        response = _get(client, url)
        assert response.status_code in {200, 404} and word not in response.content.decode(), url


def test_a_read_token_of_another_organisation_does_not_show_the_drafts(client, bergen_editor, drafts):
    _token, secret = issue_token(bergen_editor, Organisation.objects.get(slug="kommune-4601"), "les", ["read"])
    for url, word in drafts.items():
        response = _get(client, url, secret)
        assert response.status_code in {200, 404} and word not in response.content.decode(), url


def test_a_read_token_shows_only_its_own_organisations_drafts_not_those_of_the_users_other_memberships(
        client, oslo_editor, drafts):
    """A token acts for the user in one organisation: an editor of two kommuner gets a token of the other one."""
    bergen = Organisation.objects.get(slug="kommune-4601")
    Membership.objects.create(user=oslo_editor, organisation=bergen, role="editor")
    _token, secret = issue_token(oslo_editor, bergen, "les", ["read"])
    for url, word in drafts.items():
        assert word not in _get(client, url, secret).content.decode(), url


def test_a_token_without_the_read_scope_is_403_and_a_wrong_token_401(client, oslo, oslo_editor, drafts):
    _token, secret = issue_token(oslo_editor, oslo, "skriv", ["observations:write"])
    for url in drafts:
        refused = _get(client, url, secret)
        assert refused.status_code == 403 and "read" in refused.json()["detail"], url
        assert _get(client, url, secret.split(".")[0] + ".wrong").status_code == 401, url


def test_a_read_token_stops_showing_drafts_when_the_user_loses_the_editing_role(client, oslo, oslo_editor, drafts):
    _token, secret = issue_token(oslo_editor, oslo, "les", ["read"])
    oslo_editor.memberships.update(role="viewer")
    assert _get(client, "/api/kommuner/0301/priorities", secret).status_code == 401


def test_a_read_token_cannot_write(client, oslo, oslo_editor, drafts):
    _token, secret = issue_token(oslo_editor, oslo, "les", ["read"])
    response = client.put("/api/kommuner/0301/priorities", {"statement": "Kapret"}, content_type="application/json",
                          HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 401


def test_the_openapi_document_says_the_read_token_is_optional(client):
    document = client.get("/api/openapi.json").json()
    assert document["paths"]["/api/kommuner/{number}/priorities"]["get"]["security"] == [{"ReadToken": []}, {}]
    assert "security" not in document["paths"]["/api/goals"]["get"]
