"""What an attachment may be: a PDF or a PNG, JPEG or WebP image of at most 10 MB, recognised by its first
bytes (a file's name and the browser's content type are only claims); a PDF also without active content
(``pdf_content``: JavaScript, programs to launch, embedded files, …), since every reader opens it."""

from __future__ import annotations

from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lokalagenda.practices import pdf_content

MAX_BYTES = 10 * 1024 * 1024

#: How a refusal names each kind of active content of ``pdf_content``.
ACTIVE_CONTENT = {"javascript": gettext_lazy("JavaScript"), "launch": gettext_lazy("an action that starts a program"),
                  "external": gettext_lazy("an action that opens another file or sends data"),
                  "embedded": gettext_lazy("embedded files"), "xfa": gettext_lazy("an XFA form, which can run scripts"),
                  "media": gettext_lazy("embedded media that can run code")}

#: Leading bytes of each accepted kind; WebP is a RIFF container whose form type is "WEBP" at offset 8.
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpeg": (b"\xff\xd8\xff",),
}


def kind_of(head: bytes) -> str | None:
    """The kind of file whose first bytes are ``head`` (at least 12), or None if it is not one we accept."""
    for kind, signatures in SIGNATURES.items():
        if head.startswith(signatures):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None


def check(file: IO[bytes], size: int, name: str) -> str:
    """The kind of an uploaded file; raises ValidationError saying what is wrong with which file."""
    if size > MAX_BYTES:
        raise ValidationError(_("%(name)s is %(size).1f MB; attachments may be at most 10 MB.")
                              % {"name": name, "size": size / 1024 / 1024})
    if size == 0:
        raise ValidationError(_("%(name)s is empty.") % {"name": name})
    file.seek(0)
    head = file.read(12)
    file.seek(0)
    kind = kind_of(head)
    if kind is None:
        raise ValidationError(_("%(name)s is not a PDF, PNG, JPEG or WebP file (checked by its content, not its "
                                "name).") % {"name": name})
    if kind == "pdf":
        _check_pdf(file, name)
    return kind


def _check_pdf(file: IO[bytes], name: str) -> None:
    found = pdf_content.active_content(file)
    if found == [pdf_content.UNREADABLE]:
        raise ValidationError(_("%(name)s could not be checked: it is damaged, password-protected or too complex "
                                "to read. Save or print it again as a plain PDF and upload that.") % {"name": name})
    if found:
        raise ValidationError(_("%(name)s contains active content (%(found)s) that a reader's PDF viewer could run. "
                                "Save or print it as a plain PDF without it and upload that.")
                              % {"name": name, "found": ", ".join(str(ACTIVE_CONTENT[kind]) for kind in found)})
