"""An editor of one kommune can neither read the unpublished data of, nor write to, another kommune."""

import json

import pytest
from django.urls import reverse

from lokalagenda.accounts.models import AuditEntry, Organisation
from lokalagenda.framework.models import Goal
from lokalagenda.plans.models import Priorities
from lokalagenda.plans.services import save_priorities

pytestmark = pytest.mark.django_db
PRIORITIES_API = "/api/kommuner/{}/priorities"


@pytest.fixture
def oslo_draft(oslo_editor):
    organisation = Organisation.objects.get(slug="kommune-0301")
    return save_priorities(organisation, oslo_editor, statement="Utkast: klima og helse",
                           goals=list(Goal.objects.filter(number__in=[3, 13])), targets=[], published=False)


def test_editor_saves_own_priorities_and_the_write_is_audited(client, oslo_editor):
    client.force_login(oslo_editor)
    response = client.post(reverse("plans:priorities-edit", args=["0301"]),
                           {"statement": "Klima først", "goals": ["13"], "published": "on"})
    assert response.status_code == 302
    priorities = Priorities.objects.get(organisation__kommune="0301")
    assert priorities.published and list(priorities.goals.values_list("number", flat=True)) == [13]
    entry = AuditEntry.objects.get(model="plans.Priorities")
    assert entry.user == oslo_editor and entry.action == "create" and entry.after["goals"] == [13]


def test_editor_of_another_kommune_gets_403_in_the_ui(client, bergen_editor, oslo_draft):
    client.force_login(bergen_editor)
    url = reverse("plans:priorities-edit", args=["0301"])
    assert client.get(url).status_code == 403
    assert client.post(url, {"statement": "Kapret", "published": "on"}).status_code == 403
    oslo_draft.refresh_from_db()
    assert oslo_draft.statement == "Utkast: klima og helse" and not oslo_draft.published


def test_editor_of_another_kommune_gets_403_in_the_api(client, bergen_editor, oslo_draft):
    client.force_login(bergen_editor)
    response = client.put(PRIORITIES_API.format("0301"), json.dumps({"statement": "Kapret", "published": True}),
                          content_type="application/json")
    assert response.status_code == 403
    oslo_draft.refresh_from_db()
    assert oslo_draft.statement == "Utkast: klima og helse"


def test_viewer_cannot_write(client, oslo_viewer, oslo_draft):
    client.force_login(oslo_viewer)
    assert client.get(reverse("plans:priorities-edit", args=["0301"])).status_code == 403


def test_anonymous_api_write_is_refused(client, oslo_draft):
    response = client.put(PRIORITIES_API.format("0301"), "{}", content_type="application/json")
    assert response.status_code == 401


def test_draft_is_hidden_from_other_kommuner_and_the_public(client, bergen_editor, oslo_draft):
    assert client.get(PRIORITIES_API.format("0301")).status_code == 404
    assert "Utkast: klima og helse" not in client.get("/kommune/0301/").content.decode()
    client.force_login(bergen_editor)
    assert client.get(PRIORITIES_API.format("0301")).status_code == 404
    assert "Utkast: klima og helse" not in client.get("/kommune/0301/").content.decode()


def test_members_see_their_own_draft(client, oslo_viewer, oslo_draft):
    client.force_login(oslo_viewer)
    assert client.get(PRIORITIES_API.format("0301")).json()["statement"] == "Utkast: klima og helse"
    assert "Utkast: klima og helse" in client.get("/kommune/0301/").content.decode()


def test_published_priorities_are_public(client, oslo_editor, oslo_draft):
    client.force_login(oslo_editor)
    response = client.put(PRIORITIES_API.format("0301"),
                          json.dumps({"statement": "Klima og helse", "goals": [3, 13], "targets": ["13.2"],
                                      "published": True}), content_type="application/json")
    assert response.status_code == 200 and response.json()["targets"] == ["13.2"]
    client.logout()
    assert client.get(PRIORITIES_API.format("0301")).json()["goals"] == [3, 13]
    assert "Klima og helse" in client.get("/kommune/0301/").content.decode()
    assert AuditEntry.objects.filter(model="plans.Priorities", action="update").count() == 1


def test_unknown_goal_is_a_clear_422(client, oslo_editor):
    client.force_login(oslo_editor)
    response = client.put(PRIORITIES_API.format("0301"), json.dumps({"goals": [18], "targets": ["99.9"]}),
                          content_type="application/json")
    error = response.json()["errors"][0]
    assert response.status_code == 422 and error["loc"][-2:] == ["goals", 0] and "17" in error["msg"]
    response = client.put(PRIORITIES_API.format("0301"), json.dumps({"goals": [17], "targets": ["99.9"]}),
                          content_type="application/json")
    assert response.status_code == 422 and "99.9" in response.json()["detail"]
