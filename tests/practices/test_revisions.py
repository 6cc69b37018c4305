"""A change to a published practice goes through the organisation's admin, like the first publication: an
editor's edit is kept as a pending revision that readers (pages, API, search) never see until the admin
approves it; an admin's own edit is live at once."""

from __future__ import annotations

from typing import Any

import pytest

from lokalagenda.accounts.models import AuditEntry
from lokalagenda.practices.models import Practice, SearchDocument

pytestmark = pytest.mark.django_db

PUBLISHED_TITLE = "Sykkelveier i sentrum"
PROPOSED_TITLE = "Solcellepaneler på skoletaket"


def _form(**extra: Any) -> dict[str, Any]:
    return {"title": PROPOSED_TITLE, "summary": "Skolen produserer egen straum.", "body": "Ny tekst",
            "kommuner": ["0301"], "start_year": "2021", "end_year": "", "targets": ["7.2"], "partners": [],
            "themes": "energi", "contact_name": "", "contact_email": "", "language": "nb", **extra}


def _what_readers_see(client: Any, pk: int) -> dict[str, Any]:
    client.logout()
    page = client.get(f"/erfaringer/{pk}/").content.decode()
    listed = client.get("/api/practices").json()["results"]
    found = client.get("/api/practices", {"q": "solcellepanelene"}).json()["results"]
    return {"page_has_published": PUBLISHED_TITLE in page, "page_has_proposed": PROPOSED_TITLE in page,
            "api_titles": [row["title"] for row in listed if row["id"] == pk],
            "detail_title": client.get(f"/api/practices/{pk}").json()["title"],
            "found_by_proposed_words": [row["id"] for row in found]}


@pytest.fixture
def published(make_practice: Any, oslo_editor: Any) -> Practice:
    return make_practice(oslo_editor, title=PUBLISHED_TITLE, summary="Tryggere veier for syklister.",
                         published=True)


def test_an_editors_edit_of_a_published_practice_is_not_seen_by_readers(client: Any, published: Practice,
                                                                        oslo_editor: Any) -> None:
    client.force_login(oslo_editor)
    client.cookies["lokalagenda_language"] = "en"
    response = client.post(f"/erfaringer/{published.pk}/rediger/", _form(), follow=True)
    seen = _what_readers_see(client, published.pk)
    assert seen == {"page_has_published": True, "page_has_proposed": False, "api_titles": [PUBLISHED_TITLE],
                    "detail_title": PUBLISHED_TITLE, "found_by_proposed_words": []}
    assert response.status_code == 200 and "awaits approval" in response.content.decode()
    published.refresh_from_db()
    assert (published.title, published.status) == (PUBLISHED_TITLE, "published")
    assert "solcellepanel" not in SearchDocument.objects.get(practice=published).document
    assert AuditEntry.objects.filter(model="practices.PracticeRevision", action="create").count() == 1


def test_the_admin_sees_the_change_awaiting_approval_and_approves_it(client: Any, published: Practice,
                                                                     oslo_editor: Any, oslo_admin: Any) -> None:
    client.force_login(oslo_editor)
    client.post(f"/erfaringer/{published.pk}/rediger/", _form())
    client.force_login(oslo_admin)
    client.cookies["lokalagenda_language"] = "en"
    page = client.get(f"/erfaringer/{published.pk}/").content.decode()
    assert "A change awaits approval" in page and PROPOSED_TITLE in page
    assert "awaiting approval" in client.get("/erfaringer/").content.decode()
    client.post(f"/erfaringer/{published.pk}/publiser/")
    seen = _what_readers_see(client, published.pk)
    assert seen == {"page_has_published": False, "page_has_proposed": True, "api_titles": [PROPOSED_TITLE],
                    "detail_title": PROPOSED_TITLE, "found_by_proposed_words": [published.pk]}
    published.refresh_from_db()
    assert published.status == "published" and published.approved_by == oslo_admin
    assert list(published.targets.values_list("code", flat=True)) == ["7.2"]
    assert not hasattr(published, "pending_revision")


def test_an_admins_edit_of_a_published_practice_is_live(client: Any, published: Practice, oslo_admin: Any) -> None:
    client.force_login(oslo_admin)
    client.post(f"/erfaringer/{published.pk}/rediger/", _form())
    seen = _what_readers_see(client, published.pk)
    assert seen == {"page_has_published": False, "page_has_proposed": True, "api_titles": [PROPOSED_TITLE],
                    "detail_title": PROPOSED_TITLE, "found_by_proposed_words": [published.pk]}


def test_an_editor_continues_the_pending_change_and_can_take_it_back(client: Any, published: Practice,
                                                                    oslo_editor: Any) -> None:
    client.force_login(oslo_editor)
    client.post(f"/erfaringer/{published.pk}/rediger/", _form())
    form = client.get(f"/erfaringer/{published.pk}/rediger/").content.decode()
    assert f'value="{PROPOSED_TITLE}"' in form
    client.post(f"/erfaringer/{published.pk}/forkast/")
    published.refresh_from_db()
    assert not hasattr(published, "pending_revision") and published.title == PUBLISHED_TITLE
    assert AuditEntry.objects.filter(model="practices.PracticeRevision", action="delete").count() == 1


def test_unpublishing_keeps_the_pending_change_in_the_draft(client: Any, published: Practice, oslo_editor: Any,
                                                            oslo_admin: Any) -> None:
    client.force_login(oslo_editor)
    client.post(f"/erfaringer/{published.pk}/rediger/", _form())
    client.force_login(oslo_admin)
    client.post(f"/erfaringer/{published.pk}/trekk/")
    published.refresh_from_db()
    assert (published.status, published.title) == ("draft", PROPOSED_TITLE)
    assert not hasattr(published, "pending_revision")


def test_an_editor_adds_no_result_or_attachment_to_a_published_practice(client: Any, published: Practice,
                                                                       oslo_editor: Any, oslo_admin: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
    client.force_login(oslo_editor)
    assert client.post(f"/erfaringer/{published.pk}/resultat/", {"result-description": "Mer sykling"}
                       ).status_code == 403
    assert client.post(f"/erfaringer/{published.pk}/vedlegg/", {"file": SimpleUploadedFile("a.png", png)}
                       ).status_code == 403
    assert not published.results.exists() and not published.attachments.exists()
    client.force_login(oslo_admin)
    client.post(f"/erfaringer/{published.pk}/resultat/", {"result-description": "Mer sykling"})
    client.post(f"/erfaringer/{published.pk}/vedlegg/", {"file": SimpleUploadedFile("a.png", png)})
    assert published.results.count() == 1 and published.attachments.count() == 1
