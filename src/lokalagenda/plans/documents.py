"""Uploading a plan document: check it cheaply and store it at once; read its text in the background.

The request does only what costs little: the type, size and first bytes of the file, and for a Word file its zip
directory (a zip bomb is refused before anything unpacks it). A file refused by these checks leaves nothing
behind. Reading the text can cost seconds to minutes (a crafted PDF page costs seconds of CPU per megabyte of
content), so the file is stored with the status "reading" and the background task :func:`read_plan_document`
reads it in a child process within ``settings.LOKALAGENDA_PARSE_BUDGET`` (the budget of every untrusted upload;
no PDF page is started after three quarters of its CPU seconds), then queues the target suggestions; the page
polls until both are ready. A stored file that cannot be read stays, marked failed with a message that names the
file (never a server path), until the editor deletes it; what the limits left out of a file that was read (pages past
the page limit, pages too costly to read) is stated on the plan page.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import task

from lokalagenda.accounts.permissions import require_editor
from lokalagenda.accounts.services import audit, snapshot
from lokalagenda.core.archives import ArchiveError, check_zip
from lokalagenda.core.bounded import BudgetExceeded
from lokalagenda.core.mapping.documents import DocumentError, DocumentLimits, DocumentText, read_document
from lokalagenda.plans.models import Plan, PlanDocument
from lokalagenda.plans.suggestions import request_document_suggestions

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
"""Plan documents above this size are refused: a kommuneplan is rarely above a few megabytes."""

SIGNATURES: dict[str, bytes] = {"pdf": b"%PDF-", "docx": b"PK\x03\x04", "txt": b""}
"""The first bytes each accepted file type starts with, so a renamed file is caught before it is read."""

READING_LIMITS = DocumentLimits()
"""At most 300 pages, two million characters, and pypdf's work limits lowered (see DocumentLimits)."""


DOCUMENT_FIELDS = ["plan", "original_name", "file_type", "size", "uploaded_by"]


def check_upload(upload: UploadedFile) -> str:
    """The file type of an acceptable upload; raises ValidationError naming the file otherwise."""
    name = upload.name or ""
    file_type = Path(name).suffix.lower().lstrip(".")
    if file_type not in SIGNATURES:
        raise ValidationError(_("%(name)s: only PDF, Word (.docx) and plain text (.txt) files can be uploaded.")
                              % {"name": name})
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(_("%(name)s is larger than %(mb)s MB.") % {
            "name": name, "mb": MAX_DOCUMENT_BYTES // (1024 * 1024)})
    upload.seek(0)
    head = upload.read(len(SIGNATURES[file_type]))
    upload.seek(0)
    if not head.startswith(SIGNATURES[file_type]):
        raise ValidationError(_("%(name)s is not a %(type)s file, whatever its name says.") % {
            "name": name, "type": PlanDocument.FileType(file_type).label})
    if file_type == PlanDocument.FileType.DOCX:
        _check_package(upload, Path(name).name)
    return file_type


def _check_package(upload: UploadedFile, name: str) -> None:
    """Refuse a Word file whose zip directory promises more than a document unpacks to; only the directory is read.
    """
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "upload.docx"
        with path.open("wb") as copy:
            for chunk in upload.chunks():
                copy.write(chunk)
        upload.seek(0)
        try:
            check_zip(path, READING_LIMITS.package, name=name)
        except ArchiveError as error:
            raise ValidationError(_("%(name)s could not be read: %(reason)s") % {
                "name": name, "reason": error.message}) from error


@transaction.atomic
def add_document(plan: Plan, user: Any, upload: UploadedFile) -> PlanDocument:
    """Check and store an uploaded plan document, and queue the reading of its text once the upload is committed;
    raises ValidationError (naming the file) when the cheap checks refuse it."""
    require_editor(user, plan.organisation)
    file_type = check_upload(upload)
    document = PlanDocument(plan=plan, original_name=Path(upload.name or "").name[:255], file_type=file_type,
                            size=upload.size, text_status=PlanDocument.TextStatus.READING, uploaded_by=user)
    document.file.save(f"plan-{plan.pk}.{file_type}", upload, save=False)
    document.save()
    audit(user, "create", document, None, snapshot(document, DOCUMENT_FIELDS), organisation=plan.organisation)
    transaction.on_commit(lambda: read_plan_document.enqueue(document.pk))
    return document


@transaction.atomic
def delete_document(document: PlanDocument, user: Any) -> None:
    """Delete a document with its target links; its file goes once the deletion is committed."""
    require_editor(user, document.plan.organisation)
    audit(user, "delete", document, snapshot(document, DOCUMENT_FIELDS), None, organisation=document.plan.organisation)
    file = document.file
    document.delete()
    transaction.on_commit(lambda: file.storage.delete(file.name))


@task()
def read_plan_document(document_id: int) -> None:
    """The background task: the document's text (or why it cannot be read) stored on it, then its suggestions
    queued."""
    document = PlanDocument.objects.filter(pk=document_id, text_status=PlanDocument.TextStatus.READING).first()
    if document is None:
        return  # deleted after the upload, or read already
    try:
        result = read_document(Path(document.file.path), name=document.original_name, limits=READING_LIMITS,
                               budget=settings.LOKALAGENDA_PARSE_BUDGET)
    except BudgetExceeded as error:
        _failed(document, {"failure": "budget", "limit": error.limit})
    except DocumentError as error:
        _failed(document, {"failure": "unreadable", "reason": error.message})
    except Exception:
        _failed(document, {"failure": "error"})
        raise  # a fault of ours, not of the file: the task is recorded as failed, with its traceback
    else:
        _read(document, result)


def _facts(result: DocumentText) -> dict[str, Any]:
    facts: dict[str, Any] = {"pages": result.pages, "pages_read": result.pages_read, "skipped": list(result.skipped),
                             "stopped": result.stopped}
    return {key: value for key, value in facts.items() if value not in (None, "", [])}


def _read(document: PlanDocument, result: DocumentText) -> None:
    if not result.text.strip():
        _failed(document, {"failure": "complex" if result.skipped else "empty", **_facts(result)})
        return
    stored = PlanDocument.objects.filter(pk=document.pk, text_status=PlanDocument.TextStatus.READING).update(
        text=result.text, text_status=PlanDocument.TextStatus.READ, reading=_facts(result))
    if stored:
        document.refresh_from_db()
        request_document_suggestions(document)


def _failed(document: PlanDocument, reading: dict[str, Any]) -> None:
    PlanDocument.objects.filter(pk=document.pk).update(text_status=PlanDocument.TextStatus.FAILED, reading=reading)
