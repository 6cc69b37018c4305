"""A fylkeskommune chooses its priorities as a kommune does: its editors save them from the fylke page, the draft
is visible only to its members, and other organisations' editors (even a kommune in the fylke) get 403."""

import pytest
from django.urls import reverse

from lokalagenda.accounts.models import AuditEntry
from lokalagenda.plans.models import Priorities

pytestmark = pytest.mark.django_db
EDIT = reverse("plans:fylke-priorities-edit", args=["46"])


def test_the_fylkeskommunes_editor_saves_a_draft_that_only_its_members_see(client, vestland_editor):
    client.force_login(vestland_editor)
    response = client.post(EDIT, {"statement": "Folkehelse og klima i heile fylket", "goals": ["3", "13"]})
    assert response.status_code == 302 and response["Location"] == reverse("places:fylke", args=["46"])
    priorities = Priorities.objects.get(organisation__fylke="46")
    assert not priorities.published and sorted(priorities.goals.values_list("number", flat=True)) == [3, 13]
    assert AuditEntry.objects.get(model="plans.Priorities").user == vestland_editor
    page = client.get(reverse("places:fylke", args=["46"])).content.decode()
    assert "Folkehelse og klima i heile fylket" in page and "Draft – only visible to the fylkeskommune" in page
    assert EDIT in page
    client.logout()
    client.cookies["lokalagenda_language"] = "en"  # logging out empties the test client's cookies
    public = client.get(reverse("places:fylke", args=["46"])).content.decode()
    assert "Folkehelse og klima" not in public and "has not published its priorities yet" in public
    assert EDIT not in public


def test_published_priorities_reach_the_public_fylke_page(client, vestland_editor):
    client.force_login(vestland_editor)
    client.post(EDIT, {"statement": "Berekraftig samferdsel", "goals": ["11"], "published": "on"})
    client.logout()
    client.cookies["lokalagenda_language"] = "en"
    page = client.get(reverse("places:fylke", args=["46"])).content.decode()
    assert "Berekraftig samferdsel" in page and "Draft – only" not in page


def test_a_kommune_editor_in_the_fylke_and_viewers_get_403(client, bergen_editor, vestland_viewer):
    for user in (bergen_editor, vestland_viewer):
        client.force_login(user)
        assert client.get(EDIT).status_code == 403
        assert client.post(EDIT, {"statement": "Kapra", "published": "on"}).status_code == 403
    assert not Priorities.objects.exists()


def test_oslo_has_no_fylkeskommune_so_no_fylke_priorities(client, oslo_editor):
    client.force_login(oslo_editor)
    assert client.get(reverse("plans:fylke-priorities-edit", args=["03"])).status_code == 404


def test_the_api_gives_published_priorities_to_everyone_and_the_draft_to_members_only(client, vestland_editor):
    client.force_login(vestland_editor)
    client.post(EDIT, {"statement": "Folkehelse", "goals": ["3"]})
    api = "/api/fylker/46/priorities"
    assert client.get(api).json() == {"fylke": "46", "statement": "Folkehelse", "goals": [3], "targets": [],
                                      "published": False}
    client.logout()
    assert client.get(api).status_code == 404
    Priorities.objects.update(published=True)
    assert client.get(api).json()["published"] is True
    assert client.get("/api/fylker/03/priorities").status_code == 404


def test_the_fylkeskommunes_editor_replaces_the_priorities_through_the_api(client, vestland_editor, bergen_editor):
    import json

    api = "/api/fylker/46/priorities"
    body = json.dumps({"statement": "Klima", "goals": [13], "targets": ["13.2"], "published": True})
    client.force_login(bergen_editor)
    assert client.put(api, body, content_type="application/json").status_code == 403
    client.force_login(vestland_editor)
    response = client.put(api, body, content_type="application/json")
    assert response.status_code == 200 and response.json()["fylke"] == "46"
    assert Priorities.objects.get(organisation__fylke="46").targets.get().code == "13.2"
    unknown = client.put(api, json.dumps({"statement": "", "goals": [99]}), content_type="application/json")
    assert unknown.status_code == 422
    assert client.put("/api/fylker/03/priorities", body, content_type="application/json").status_code == 404
