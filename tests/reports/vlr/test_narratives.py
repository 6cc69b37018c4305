"""Narrative sections: generated drafts until written, every save a new audited version by the organisation's
editors only; readers see the latest published version, the organisation's editors preview the latest of all."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from lokalagenda.accounts.models import AuditEntry
from lokalagenda.places.place import place_for
from lokalagenda.reports.models import NarrativeVersion
from lokalagenda.reports.vlr.narratives import publish_version, save_narrative, versions_of
from lokalagenda.reports.vlr.rendering import render
from tests.fixtures import make_member

pytestmark = pytest.mark.django_db

EDIT_URL = "/kommune/4601/rapport/tekster/opening/"


def test_each_save_is_a_new_audited_version_and_the_latest_published_is_used(measured, bergen_editor, bergen):
    first = save_narrative(bergen_editor, bergen, "opening", "en", "Bergen wants a greener city.", publish=True)
    second = save_narrative(bergen_editor, bergen, "opening", "en", "  Bergen wants a fairer city.  ", publish=True)
    assert (first.number, second.number, second.text) == (1, 2, "Bergen wants a fairer city.")
    assert [version.number for version in versions_of(bergen, "opening", "en")] == [2, 1]
    assert second.author == bergen_editor
    entries = AuditEntry.objects.filter(model="reports.NarrativeVersion", organisation=bergen)
    assert entries.count() == 2 and entries.filter(object_pk=str(second.pk), user=bergen_editor).exists()
    html = render("vlr", "html", place_for("4601"), "en").decode()
    assert "Bergen wants a fairer city." in html and "greener" not in html
    assert "This Voluntary Local Review shows where Bergen stands" not in html  # the generated draft is replaced
    assert "Generated from the data" in html  # other sections keep their factual drafts
    assert "Bergen wants" not in render("vlr", "html", place_for("4601"), "nb").decode()  # language per text


def test_another_organisations_editor_and_viewers_may_not_save(db, oslo_editor, bergen):
    viewer = make_member("bergen-viewer", "kommune-4601", "viewer")
    for user in (oslo_editor, viewer):
        with pytest.raises(PermissionDenied):
            save_narrative(user, bergen, "opening", "nb", "Tekst")
    assert not NarrativeVersion.objects.exists()


@pytest.mark.parametrize("section, language, text, message", [
    ("nope", "nb", "Tekst", "Unknown section"), ("opening", "de", "Text", "Unknown language"),
    ("opening", "nb", "   ", "empty"), ("opening", "nb", "x" * 20_001, "longer than 20000"),
])
def test_bad_input_is_refused_with_a_clear_message(db, bergen_editor, bergen, section, language, text, message):
    with translation.override("en"), pytest.raises(ValidationError, match=message):
        save_narrative(bergen_editor, bergen, section, language, text)
    assert not NarrativeVersion.objects.exists()


def test_editor_pages_are_403_for_anonymous_other_organisations_and_viewers(db, client, oslo_editor):
    assert client.get(EDIT_URL).status_code == 403
    client.force_login(oslo_editor)
    assert client.get(EDIT_URL).status_code == 403
    assert client.post(EDIT_URL, {"text": "Tekst", "language": "nb"}).status_code == 403
    client.force_login(make_member("bergen-viewer", "kommune-4601", "viewer"))
    assert client.get("/kommune/4601/rapport/tekster/").status_code == 403
    assert not NarrativeVersion.objects.exists()


def test_editor_saves_through_the_page_and_sees_earlier_versions(db, client, bergen_editor, bergen):
    client.cookies["lokalagenda_language"] = "en"
    client.force_login(bergen_editor)
    listing = client.get("/kommune/4601/rapport/tekster/?language=en")
    # Before any measurement the data give no draft: the section is "not written yet", and the editor sees what
    # to write as help text tied to the field, never as the field's text.
    assert listing.status_code == 200 and "not written yet" in listing.content.decode()
    assert "why the kommune works with the 2030 Agenda" in listing.content.decode()
    page = client.get(EDIT_URL + "?language=en").content.decode()
    assert 'id="id_text_helptext" data-instruction>What to write: A short statement from the mayor' in page
    assert 'aria-describedby="id_text_helptext"' in page
    field = page.split('id="id_text">', 1)[1].split("</textarea>", 1)[0]
    assert "A short statement from the mayor" not in field and "Describe" not in field
    for text in ("Første utkast.", "Andre utkast."):
        response = client.post(EDIT_URL, {"text": text, "language": "nn", "action": "draft"})
        assert response.status_code == 302 and response["Location"].endswith("?language=nn")
    html = client.get(EDIT_URL + "?language=nn").content.decode()
    assert "Version 2" in html and "Version 1" in html and "Første utkast." in html
    assert NarrativeVersion.objects.filter(organisation=bergen, language="nn").count() == 2
    empty = client.post(EDIT_URL, {"text": "", "language": "nn"})
    assert empty.status_code == 200 and NarrativeVersion.objects.count() == 2


def test_fylkeskommune_editor_edits_the_fylke_review(db, client):
    client.force_login(make_member("vestland-editor", "fylkeskommune-46", "editor"))
    response = client.post("/fylke/46/rapport/tekster/conclusion/", {"text": "Neste steg.", "language": "nb"})
    assert response.status_code == 302
    assert NarrativeVersion.objects.get().organisation.slug == "fylkeskommune-46"


def test_a_draft_is_seen_only_in_the_editors_preview_until_it_is_published(measured, client, bergen_editor, bergen):
    published = save_narrative(bergen_editor, bergen, "opening", "en", "Bergen publishes this.", publish=True)
    draft = save_narrative(bergen_editor, bergen, "opening", "en", "Bergen is still writing this.")
    assert not draft.published
    public = render("vlr", "html", place_for("4601"), "en").decode()
    assert "Bergen publishes this." in public and "still writing" not in public
    assert "still writing" in render("vlr", "html", place_for("4601"), "en", drafts=True).decode()
    page = "/kommune/4601/rapport/vlr/?language=en"
    assert "still writing" not in client.get(page).content.decode()  # anonymous readers
    client.force_login(bergen_editor)
    preview = client.get(page).content.decode()
    assert "still writing" in preview and "Preview for the organisation" in preview
    publish_version(bergen_editor, draft)
    client.logout()
    assert "still writing" in client.get(page).content.decode()
    assert published.number == 1 and AuditEntry.objects.filter(object_pk=str(draft.pk), action="update").exists()


def test_the_editor_publishes_from_the_page_and_an_older_version_on_its_own(db, client, bergen_editor, bergen):
    client.cookies["lokalagenda_language"] = "en"
    client.force_login(bergen_editor)
    client.post(EDIT_URL, {"text": "Utkast.", "language": "nb", "action": "draft"})
    client.post(EDIT_URL, {"text": "Ferdig tekst.", "language": "nb", "action": "publish"})
    assert list(NarrativeVersion.objects.order_by("number").values_list("published", flat=True)) == [False, True]
    listing = client.get("/kommune/4601/rapport/tekster/?language=nb").content.decode()
    assert "published" in listing
    assert client.post(EDIT_URL, {"action": "publish-version", "version": "1", "language": "nb"}).status_code == 302
    assert NarrativeVersion.objects.get(number=1).published
    assert client.post(EDIT_URL, {"action": "publish-version", "version": "x", "language": "nb"}).status_code == 404
    client.force_login(make_member("bergen-viewer", "kommune-4601", "viewer"))
    assert client.post(EDIT_URL, {"action": "publish-version", "version": "1", "language": "nb"}).status_code == 403


def test_versions_saved_before_drafts_existed_stay_published(db, bergen, bergen_editor):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("lokalagenda.reports.migrations.0002_narrative_publishing")
    save_narrative(bergen_editor, bergen, "opening", "nb", "Gammel tekst.")
    migration.publish_existing(apps, None)
    assert NarrativeVersion.objects.get().published
