"""A report's PDF costs seconds of CPU to render, so the published report is rendered once per place, report type,
language and data version and served from the cache after that; an editor's preview (with unpublished texts) is
rendered fresh every time."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from lokalagenda.accounts.models import Organisation
from lokalagenda.reports.vlr.narratives import publish_version, save_narrative

pytestmark = pytest.mark.django_db
PDF = "/kommune/4601/rapport/vlr/?language=en&format=pdf"


def _text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def _rendered(queries: CaptureQueriesContext) -> bool:
    """Whether the report was built: building it reads the narrative texts, serving the cached PDF does not."""
    return any("reports_narrativeversion" in query["sql"] for query in queries.captured_queries)


def test_a_repeated_anonymous_pdf_download_is_served_without_rendering(measured, client) -> None:
    with CaptureQueriesContext(connection) as first_queries:
        first = client.get(PDF)
    with CaptureQueriesContext(connection) as second_queries:
        second = client.get(PDF)
    assert _rendered(first_queries) and not _rendered(second_queries)
    assert second.status_code == 200 and second["Content-Type"] == "application/pdf"
    assert second.content == first.content
    assert second["Content-Disposition"] == 'attachment; filename="vlr-4601-en.pdf"'


def test_an_editor_gets_a_fresh_preview_while_readers_get_the_cached_report(measured, client, bergen_editor) -> None:
    bergen = Organisation.objects.get(slug="kommune-4601")
    save_narrative(bergen_editor, bergen, "opening", "en", "Bergen is still writing this.")
    assert "still writing" not in _text(client.get(PDF).content)  # a reader's download fills the cache
    client.force_login(bergen_editor)
    with CaptureQueriesContext(connection) as queries:
        preview = client.get(PDF)
    assert _rendered(queries) and "still writing" in _text(preview.content)


def test_publishing_a_text_renews_the_cached_pdf(measured, client, bergen_editor) -> None:
    bergen = Organisation.objects.get(slug="kommune-4601")
    draft = save_narrative(bergen_editor, bergen, "opening", "en", "Bergen has published this now.")
    assert "published this now" not in _text(client.get(PDF).content)
    publish_version(bergen_editor, draft)
    assert "published this now" in _text(client.get(PDF).content)
