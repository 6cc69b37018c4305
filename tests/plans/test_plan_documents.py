"""Plan documents: PDF, Word and text files are read and their text stored; damaged, oversized and wrongly typed
files are refused with a message that names the file, and nothing is stored."""

import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lokalagenda.accounts.models import AuditEntry
from lokalagenda.plans.documents import MAX_DOCUMENT_BYTES
from lokalagenda.plans.models import PlanDocument
from tests.documents import minimal_pdf

pytestmark = pytest.mark.django_db
SENTENCE = "Oslo skal redusere klimagassutslippene med 95 prosent innen 2030."


def word_file(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def upload(client, plan, name: str, content: bytes):
    return client.post(reverse("plans:document-new", args=["0301", plan.id]),
                       {"file": SimpleUploadedFile(name, content)})


@pytest.mark.parametrize(("name", "make", "file_type"), [
    ("samfunnsdel.txt", lambda text: text.encode(), "txt"),
    ("samfunnsdel.docx", word_file, "docx"),
    ("samfunnsdel.pdf", minimal_pdf, "pdf"),
])
def test_uploaded_document_is_stored_with_its_text(client, oslo_editor, oslo_plan, name, make, file_type):
    client.force_login(oslo_editor)
    response = upload(client, oslo_plan, name, make(SENTENCE))
    assert response.status_code == 302
    document = PlanDocument.objects.get(plan=oslo_plan)
    assert document.original_name == name and document.file_type == file_type and document.size > 0
    assert "klimagassutslippene med 95 prosent" in document.text and document.uploaded_by == oslo_editor
    assert document.file.storage.exists(document.file.name)
    assert AuditEntry.objects.filter(model="plans.PlanDocument", action="create").count() == 1
    assert name in client.get(reverse("plans:plan", args=["0301", oslo_plan.id])).content.decode()


@pytest.mark.parametrize(("name", "content", "message"), [
    ("skadet.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R", "skadet.pdf could not be read"),
    ("skadet.docx", b"PK\x03\x04 not really a zip archive", "skadet.docx could not be read"),
    ("latin1.txt", "Klimagass og miljø".encode("latin-1"), "latin1.txt could not be read"),
    ("regneark.xlsx", b"PK\x03\x04", "regneark.xlsx: only PDF, Word (.docx) and plain text (.txt)"),
    ("omdopt.pdf", word_file(SENTENCE), "omdopt.pdf is not a PDF file"),
    ("tom.txt", b"   \n", "tom.txt has no text that can be read"),
])
def test_unreadable_or_wrong_files_are_refused_with_the_file_named(client, oslo_editor, oslo_plan, name, content,
                                                                   message):
    client.force_login(oslo_editor)
    response = upload(client, oslo_plan, name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PlanDocument.objects.exists()


def test_oversized_file_is_refused(client, oslo_editor, oslo_plan):
    client.force_login(oslo_editor)
    response = upload(client, oslo_plan, "stor.txt", b"a" * (MAX_DOCUMENT_BYTES + 1))
    assert response.status_code == 200
    assert "stor.txt is larger than 20 MB" in response.content.decode()
    assert not PlanDocument.objects.exists()
