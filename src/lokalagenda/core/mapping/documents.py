"""Plain text out of plan documents (PDF, Word, text and Markdown) so the mapping engine can read them.

Planners upload what they have: a PDF exported from the kommune's case system, a Word file or a text file. Each
reader returns plain text with paragraphs separated by blank lines; anything that cannot be read is reported as a
:class:`DocumentError` that names the file, so the edge can tell the user which upload failed and why.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from zipfile import BadZipFile

from lokalagenda.core.errors import LokalagendaError


class DocumentError(LokalagendaError):
    """A document cannot be read: missing, damaged, of an unsupported type or in an unknown text encoding."""

    def __init__(self, path: Path, message: str) -> None:
        self.path = path
        super().__init__(f"{path.name}: {message}")


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise DocumentError(
            path, f"is not UTF-8 text (byte {error.start} cannot be decoded); save it as UTF-8 and try again"
        ) from error


def _read_docx(path: Path) -> str:
    import docx  # imported here: only needed for Word files
    from docx.opc.exceptions import OpcError
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(str(path))
    except (OpcError, BadZipFile, XMLSyntaxError, KeyError, ValueError, OSError) as error:
        raise DocumentError(path, f"is not a readable Word (.docx) file ({type(error).__name__}: {error})") from error
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            paragraphs.append(" | ".join(cell.text for cell in row.cells))
    return "\n\n".join(text for text in paragraphs if text.strip())


def _read_pdf(path: Path) -> str:
    from pypdf import PdfReader  # imported here: only needed for PDF files
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, OSError) as error:
        raise DocumentError(path, f"is a damaged or encrypted PDF file ({error})") from error
    return "\n\n".join(page for page in pages if page.strip())


READERS: dict[str, Callable[[Path], str]] = {
    ".txt": _read_text,
    ".md": _read_text,
    ".docx": _read_docx,
    ".pdf": _read_pdf,
}
"""Document readers by lower-case file suffix."""


def extract_text(path: Path) -> str:
    """Return the plain text of a plan document, paragraphs separated by blank lines.

    Parameters
    ----------
    path
        A ``.pdf``, ``.docx``, ``.txt`` or ``.md`` file (text files must be UTF-8).

    Raises
    ------
    DocumentError
        When the file is missing, of another type, damaged, or not UTF-8; the message starts with the file name.
    """
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        supported = ", ".join(sorted(READERS))
        raise DocumentError(path, f"unsupported file type {path.suffix or '(none)'!r}; use one of {supported}")
    if not path.is_file():
        raise DocumentError(path, "file not found")
    return reader(path)
