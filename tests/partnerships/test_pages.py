"""The partner pages, the partnership page and the kommune overview, as the public and as editors see them."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["lokalagenda_language"] = "en"


def test_partnership_page_names_partners_targets_and_kommuner(client, oslo_published, partners):
    html = client.get(reverse("partnerships:partnership", args=[oslo_published.pk])).content.decode()
    assert "<h1" in html and oslo_published.title in html
    assert "Equinor ASA" in html and "NTNU" in html and "Bærum" in html
    assert 'href="/delmal/13.2/"' in html and "2020–2030" in html
    assert "Edit partnership" not in html


def test_owner_editor_sees_edit_links(client, oslo_editor, oslo_published):
    client.force_login(oslo_editor)
    page = client.get(reverse("partnerships:partnership", args=[oslo_published.pk])).content.decode()
    assert "Edit partnership" in page
    overview = client.get(reverse("partnerships:kommune", args=["0301"])).content.decode()
    assert reverse("partnerships:partnership-create", args=["0301"]) in overview


def test_partner_page_shows_organisation_number_and_only_published_partnerships(
        client, partners, oslo_published, bergen_published, oslo_draft):
    html = client.get(reverse("partnerships:partner", args=[partners["vel"].pk])).content.decode()
    assert bergen_published.title in html and oslo_draft.title not in html
    brreg = client.get(reverse("partnerships:partner", args=[partners["brreg"].pk])).content.decode()
    assert "974760673" in brreg and "Public agency" in brreg


def test_partner_page_shows_members_their_own_drafts(client, oslo_viewer, partners, oslo_draft, bergen_published):
    client.force_login(oslo_viewer)
    html = client.get(reverse("partnerships:partner", args=[partners["vel"].pk])).content.decode()
    assert oslo_draft.title in html and bergen_published.title in html


def test_partner_list_filters_by_kind(client, partners):
    html = client.get(reverse("partnerships:partners"), {"type": "academia"}).content.decode()
    assert "NTNU" in html and "Equinor ASA" not in html
    assert "Equinor ASA" in client.get(reverse("partnerships:partners")).content.decode()


def test_unknown_kommune_is_404(client):
    assert client.get(reverse("partnerships:kommune", args=["9999"])).status_code == 404
