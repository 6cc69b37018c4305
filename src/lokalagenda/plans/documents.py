"""Uploading a plan document: check its type and size, extract its text, store both.

The text is extracted before anything is stored, so a damaged file leaves nothing behind and the editor is told
which file could not be read and why.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from lokalagenda.accounts.services import audit, snapshot
from lokalagenda.core.mapping.documents import DocumentError, extract_text
from lokalagenda.plans.editing import require_editor
from lokalagenda.plans.models import Plan, PlanDocument
from lokalagenda.plans.suggestions import request_document_suggestions

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
"""Plan documents above this size are refused: a kommuneplan is rarely above a few megabytes."""

SIGNATURES: dict[str, bytes] = {"pdf": b"%PDF-", "docx": b"PK\x03\x04", "txt": b""}
"""The first bytes each accepted file type starts with, so a renamed file is caught before it is read."""

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
    return file_type


def read_upload(upload: UploadedFile, file_type: str) -> str:
    """The text of the uploaded file; raises ValidationError naming the file when it cannot be read."""
    name = Path(upload.name or "document").name
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload.{file_type}"
        with path.open("wb") as copy:
            for chunk in upload.chunks():
                copy.write(chunk)
        try:
            text = extract_text(path)
        except DocumentError as error:
            reason = str(error).removeprefix(f"{path.name}: ")
            raise ValidationError(_("%(name)s could not be read: %(reason)s") % {"name": name,
                                                                                  "reason": reason}) from error
    upload.seek(0)
    if not text.strip():
        raise ValidationError(_("%(name)s has no text that can be read (is it a scanned image?).") % {"name": name})
    return text


@transaction.atomic
def add_document(plan: Plan, user: Any, upload: UploadedFile) -> PlanDocument:
    """Check, read and store an uploaded plan document; raises ValidationError (naming the file) when refused."""
    require_editor(user, plan.organisation)
    file_type = check_upload(upload)
    text = read_upload(upload, file_type)
    document = PlanDocument(plan=plan, original_name=Path(upload.name or "").name[:255], file_type=file_type,
                            size=upload.size, text=text, uploaded_by=user)
    document.file.save(f"plan-{plan.pk}.{file_type}", upload, save=False)
    document.save()
    audit(user, "create", document, None, snapshot(document, DOCUMENT_FIELDS), organisation=plan.organisation)
    # The document's target suggestions are computed in the background, so they are ready when the editor looks.
    transaction.on_commit(lambda: request_document_suggestions(document))
    return document
