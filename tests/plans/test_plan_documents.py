"""Plan documents: the upload checks the file's type, size, signature and (for Word) its zip directory, stores it
at once and leaves the reading of its text to the background task, within a page limit and a CPU and memory
budget. Refused files leave nothing behind; a stored file that cannot be read is shown as failed with a message
naming the file (never a server path) until the editor deletes it. (The tests run tasks immediately, as the worker
would, when the upload's transaction commits.)"""

import tempfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lokalagenda.accounts.models import AuditEntry
from lokalagenda.core.bounded import Budget
from lokalagenda.plans.documents import MAX_DOCUMENT_BYTES
from lokalagenda.plans.models import PlanDocument
from tests.documents import docx_bomb, heavy_pdf, minimal_pdf, word_file

pytestmark = pytest.mark.django_db
SENTENCE = "Oslo skal redusere klimagassutslippene med 95 prosent innen 2030."
Text = PlanDocument.TextStatus


def upload(client, plan, name: str, content: bytes):
    return client.post(reverse("plans:document-new", args=["0301", plan.id]),
                       {"file": SimpleUploadedFile(name, content)})


def plan_page(client, plan) -> str:
    return client.get(reverse("plans:plan", args=["0301", plan.id])).content.decode()


@pytest.mark.parametrize(("name", "make", "file_type"), [
    ("samfunnsdel.txt", lambda text: text.encode(), "txt"),
    ("samfunnsdel.docx", word_file, "docx"),
    ("samfunnsdel.pdf", minimal_pdf, "pdf"),
])
def test_uploaded_document_is_stored_and_its_text_read_in_the_background(
        client, oslo_editor, oslo_plan, name, make, file_type, django_capture_on_commit_callbacks):
    client.force_login(oslo_editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, oslo_plan, name, make(SENTENCE))
    assert response.status_code == 302
    document = PlanDocument.objects.get(plan=oslo_plan)
    assert response["Location"] == reverse("plans:suggestions", args=["0301", oslo_plan.id, "dokument", document.id])
    assert document.original_name == name and document.file_type == file_type and document.size > 0
    assert document.text_status == Text.READ and document.reading_notes() == []
    assert "klimagassutslippene med 95 prosent" in document.text and document.uploaded_by == oslo_editor
    assert document.suggestion_status == PlanDocument.SuggestionStatus.DONE
    assert document.file.storage.exists(document.file.name)
    assert AuditEntry.objects.filter(model="plans.PlanDocument", action="create").count() == 1
    assert name in plan_page(client, oslo_plan)


def test_the_upload_stores_a_costly_pdf_at_once_and_leaves_the_reading_to_the_worker(
        client, oslo_editor, oslo_plan):
    client.force_login(oslo_editor)
    response = upload(client, oslo_plan, "samfunnsdel.pdf", heavy_pdf(SENTENCE))  # nothing commits: no task runs
    assert response.status_code == 302
    document = PlanDocument.objects.get(plan=oslo_plan)
    assert document.text_status == Text.READING and document.text == ""
    assert document.file.storage.exists(document.file.name)
    page = client.get(response["Location"]).content.decode()
    assert "The text of samfunnsdel.pdf is being read" in page and 'hx-trigger="every 2s"' in page


@pytest.mark.parametrize(("make", "status"), [(heavy_pdf, Text.READ), (lambda text: heavy_pdf(""), Text.FAILED)])
def test_reading_a_costly_pdf_stays_within_its_cpu_budget_and_says_what_was_left_out(
        client, oslo_editor, oslo_plan, settings, django_capture_on_commit_callbacks, make, status):
    """Unbounded, the two costly pages take seconds of CPU each; with their content budget they are left out.

    The rest takes about 2 s of CPU on a quiet machine; the budget leaves room for a machine whose cores are
    shared (CI measured over 4 s while seven suites ran), while the skipped pages prove the content budget."""
    settings.LOKALAGENDA_PARSE_BUDGET = Budget(cpu_seconds=10, wall_seconds=120)
    client.force_login(oslo_editor)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, oslo_plan, "samfunnsdel.pdf", make(SENTENCE))
    document = PlanDocument.objects.get(plan=oslo_plan)
    assert document.text_status == status and document.reading["skipped"] == [2, 3]
    page = plan_page(client, oslo_plan)
    if status == Text.READ:
        assert "klimagassutslippene" in document.text
        assert ("samfunnsdel.pdf: pages 2, 3 were left out because they are too complex or damaged to read as "
                "text.") in page
    else:
        assert "samfunnsdel.pdf could not be read: its pages are too complex or damaged to read as text." in page


def test_a_word_zip_bomb_is_refused_at_upload_without_being_unpacked(client, oslo_editor, oslo_plan):
    client.force_login(oslo_editor)
    response = upload(client, oslo_plan, "samfunnsdel.docx", docx_bomb(SENTENCE))
    page = response.content.decode()
    assert response.status_code == 200
    assert "samfunnsdel.docx could not be read: part &#x27;word/media/padding.bin&#x27; is compressed" in page
    assert "zip bomb" in page
    assert not PlanDocument.objects.exists()


@pytest.mark.parametrize(("name", "content", "message"), [
    ("skadet.docx", b"PK\x03\x04 not really a zip archive", "skadet.docx could not be read"),
    ("regneark.xlsx", b"PK\x03\x04", "regneark.xlsx: only PDF, Word (.docx) and plain text (.txt)"),
    ("omdopt.pdf", word_file(SENTENCE), "omdopt.pdf is not a PDF file"),
])
def test_wrong_files_are_refused_at_upload_with_the_file_named_and_no_server_path(
        client, oslo_editor, oslo_plan, name, content, message):
    client.force_login(oslo_editor)
    response = upload(client, oslo_plan, name, content)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert tempfile.gettempdir() not in page and "upload.docx" not in page
    assert not PlanDocument.objects.exists()


@pytest.mark.parametrize(("name", "content", "message"), [
    ("skadet.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R", "skadet.pdf could not be read: "),
    ("latin1.txt", "Klimagass og miljø".encode("latin-1"), "latin1.txt could not be read: is not UTF-8 text"),
    ("tom.txt", b"   \n", "tom.txt has no text that can be read"),
])
def test_a_stored_file_that_cannot_be_read_is_shown_as_failed_until_the_editor_deletes_it(
        client, oslo_editor, oslo_plan, settings, django_capture_on_commit_callbacks, name, content, message):
    client.force_login(oslo_editor)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, oslo_plan, name, content)
    document = PlanDocument.objects.get(plan=oslo_plan)
    assert document.text_status == Text.FAILED and document.suggestion_status == PlanDocument.SuggestionStatus.NONE
    stored = Path(document.file.path)
    for page in (plan_page(client, oslo_plan), client.get(reverse(
            "plans:suggestions", args=["0301", oslo_plan.id, "dokument", document.id])).content.decode()):
        assert message in page
        assert str(settings.MEDIA_ROOT) not in page and stored.name not in page
        assert tempfile.gettempdir() not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("plans:document-delete", args=["0301", oslo_plan.id, document.id]))
    assert response.status_code == 302
    assert not PlanDocument.objects.exists() and not stored.exists()
    assert AuditEntry.objects.filter(model="plans.PlanDocument", action="delete").count() == 1
    assert f"{name} was deleted." in client.get(response["Location"]).content.decode()


def test_oversized_file_is_refused(client, oslo_editor, oslo_plan):
    client.force_login(oslo_editor)
    response = upload(client, oslo_plan, "stor.txt", b"a" * (MAX_DOCUMENT_BYTES + 1))
    assert response.status_code == 200
    assert "stor.txt is larger than 20 MB" in response.content.decode()
    assert not PlanDocument.objects.exists()
