"""Plain text out of plan documents (PDF, Word, text and Markdown) so the mapping engine can read them.

Planners upload what they have: a PDF exported from the kommune's case system, a Word file or a text file. Each
reader returns plain text with paragraphs separated by blank lines; anything that cannot be read is reported as a
:class:`DocumentError` that names the file (the name the person knows, never a server path), so the edge can tell
the user which upload failed and why.

The files are untrusted, so reading has limits (:class:`DocumentLimits`), and what a limit left out is part of the
result (:class:`DocumentText`) for the edge to state. A Word file is a zip package whose central directory is
checked before it is opened (:func:`lokalagenda.core.archives.check_zip`), and only the text of its main part
(``word/document.xml``) is read, streamed. A PDF is read page by page with pypdf's work limits lowered, so a page
whose content stream is crafted to cost seconds is left out; at most ``pages`` pages are read, and no page is
started once ``seconds`` of CPU are spent. :func:`read_document` runs all of it in a child process under a memory
and CPU budget (:mod:`lokalagenda.core.bounded`) for what the limits do not foresee.
"""

from __future__ import annotations

import dataclasses
import os
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lokalagenda.core.archives import MEGABYTE, ArchiveError, ZipLimits, check_zip
from lokalagenda.core.bounded import Budget, run_bounded
from lokalagenda.core.errors import LokalagendaError


@dataclass(frozen=True)
class DocumentLimits:
    """What reading one document may cost. A 300-page kommuneplan has well under a million characters, its Word
    file a few megabytes of XML, and its busiest PDF page (a map) some tens of thousands of content operations."""

    pages: int = 300
    """PDF pages read at most; the rest are left out, and the result says so."""
    characters: int = 2_000_000
    """Characters of text kept at most."""
    seconds: float | None = None
    """CPU seconds after which no further PDF page is started (None: no limit)."""
    page_operations: int = 200_000
    """pypdf's parsing budget per content stream (operands and operators); pypdf's own default is 2,000,000."""
    stream_bytes: int = 16 * MEGABYTE
    """The most one compressed PDF stream may unpack to; pypdf's own default is 75 MB."""
    forms_per_page: int = 500
    """Form XObjects whose text is extracted per page; pypdf's own default is 5,000."""
    package: ZipLimits = field(default_factory=lambda: ZipLimits(total_bytes=200 * MEGABYTE,
                                                                 member_bytes=100 * MEGABYTE))
    """What a Word file's zip package may unpack to."""


@dataclass(frozen=True)
class DocumentText:
    """The text read from a document, and what the limits left out of it."""

    text: str
    pages: int | None = None
    """A PDF's number of pages (None for other files)."""
    pages_read: int | None = None
    """The PDF pages looked at: fewer than ``pages`` when reading stopped early."""
    skipped: tuple[int, ...] = ()
    """PDF pages (numbered from 1) left out because their content is too costly or damaged to read."""
    stopped: str = ""
    """Why reading stopped before the end: ``"pages"`` (page limit), ``"time"`` (CPU limit), ``"characters"``
    (the text was cut at the character limit), or ``""`` when it did not."""
    limits: DocumentLimits = field(default_factory=DocumentLimits)

    def notes(self) -> list[str]:
        """What was left out, in English, for the command line (the web states the same in the user's language)."""
        notes = []
        if self.stopped in ("pages", "time"):
            why = (f"at most {self.limits.pages} pages are read of a document" if self.stopped == "pages"
                   else "reading more would take too long")
            notes.append(f"only the first {self.pages_read} of {self.pages} pages were read ({why})")
        if self.stopped == "characters":
            notes.append(f"only the first {len(self.text):,} characters were read")
        if self.skipped:
            pages = ", ".join(str(page) for page in self.skipped)
            notes.append(f"page{'s' if len(self.skipped) > 1 else ''} {pages} "
                         f"{'were' if len(self.skipped) > 1 else 'was'} left out: "
                         f"{'they are' if len(self.skipped) > 1 else 'it is'} too complex or damaged to read as text")
        return notes


class DocumentError(LokalagendaError):
    """A document cannot be read: missing, damaged, of an unsupported type or in an unknown text encoding."""

    def __init__(self, name: str | Path, message: str) -> None:
        self.name = name.name if isinstance(name, Path) else name
        self.message = message
        super().__init__(f"{self.name}: {message}")

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        return (type(self), (self.name, self.message))


def _reason(error: BaseException, path: Path, name: str) -> str:
    """A library's error text without the server path of the file it was given (a person knows only ``name``)."""
    text = f"{type(error).__name__}: {error}".replace(str(path), name)
    if len(path.parent.parts) > 1:
        text = text.replace(f"{path.parent}{os.sep}", "").replace(str(path.parent), "")
    return text.replace(path.name, name)


def _read_text(path: Path, name: str, limits: DocumentLimits) -> DocumentText:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise DocumentError(
            name, f"is not UTF-8 text (byte {error.start} cannot be decoded); save it as UTF-8 and try again"
        ) from error
    return _cut(text, limits)


def _cut(text: str, limits: DocumentLimits, **facts: Any) -> DocumentText:
    if len(text) > limits.characters:
        return DocumentText(text[:limits.characters], stopped="characters", limits=limits, **facts)
    return DocumentText(text, limits=limits, **facts)


# Word: only the main part's text, streamed.

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WORD_MAIN_PART = "word/document.xml"
WORD_TEXT = {f"{W}t": None, f"{W}tab": "\t", f"{W}br": "\n", f"{W}cr": "\n", f"{W}noBreakHyphen": "-"}


def _read_docx(path: Path, name: str, limits: DocumentLimits) -> DocumentText:
    from lxml.etree import XMLSyntaxError  # imported here: only needed for Word files

    if not zipfile.is_zipfile(path):
        raise DocumentError(name, "is not a readable Word (.docx) file (it is not a zip package)")
    try:
        check_zip(path, limits.package, name=name)
    except ArchiveError as error:
        raise DocumentError(name, error.message) from error
    paragraphs: list[str] = []
    size = 0
    try:
        with zipfile.ZipFile(path) as package, package.open(WORD_MAIN_PART) as part:
            for text in _word_blocks(part):
                paragraphs.append(text)
                size += len(text) + 2
                if size > limits.characters:
                    break
    except (KeyError, zipfile.BadZipFile, zlib.error, XMLSyntaxError, OSError, ValueError, EOFError,
            RuntimeError) as error:  # RuntimeError: an encrypted part, or one compressed in an unsupported way
        raise DocumentError(name, f"is not a readable Word (.docx) file ({_reason(error, path, name)})") from error
    return _cut("\n\n".join(paragraphs), limits)


def _word_blocks(part: Any) -> Iterator[str]:
    """Paragraphs and table rows (cells joined with `` | ``) in document order, each with text, parsed as a stream.

    Each block is cleared once its text is taken, and earlier siblings are dropped, so memory holds about one
    block; a paragraph in a table cell is kept until its row ends.
    """
    from lxml.etree import iterparse

    events = iterparse(part, events=("end",), tag=(f"{W}p", f"{W}tr"), resolve_entities=False, no_network=True,
                       huge_tree=False)
    for _event, element in events:
        if element.tag == f"{W}p" and _in_cell(element):
            continue
        if element.tag == f"{W}p":
            text = _paragraph_text(element)
        else:
            cells = ("\n".join(t for t in map(_paragraph_text, cell.iter(f"{W}p")) if t)
                     for cell in element.iter(f"{W}tc"))
            text = " | ".join(cells)
        _forget(element)
        if text.strip():
            yield text


def _paragraph_text(paragraph: Any) -> str:
    return "".join(node.text or "" if WORD_TEXT[node.tag] is None else WORD_TEXT[node.tag]
                   for node in paragraph.iter(*WORD_TEXT))


def _in_cell(element: Any) -> bool:
    """Whether a paragraph belongs to a table cell (a text box inside a cell's paragraph has its own paragraphs)."""
    for ancestor in element.iterancestors(f"{W}tc", f"{W}txbxContent", f"{W}body"):
        return bool(ancestor.tag == f"{W}tc")
    return False


def _forget(element: Any) -> None:
    element.clear()
    while element.getprevious() is not None:
        del element.getparent()[0]


# PDF: page by page, within pypdf's (lowered) work limits.


def _pdf_errors() -> tuple[type[BaseException], ...]:
    """What pypdf raises on a damaged or crafted file: its own errors, and (being a parser of anything) the
    built-in ones a malformed object leads it to."""
    from pypdf.errors import DependencyError, PyPdfError

    return (PyPdfError, DependencyError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            AssertionError, RecursionError, ZeroDivisionError, OverflowError, OSError)


def _read_pdf(path: Path, name: str, limits: DocumentLimits) -> DocumentText:
    from pypdf import PdfReader, apply_configuration  # imported here: only needed for PDF files

    started = time.process_time()
    errors = _pdf_errors()
    with apply_configuration(stream_parsing_work_maximum_count=limits.page_operations,
                             zlib_maximum_output_length=limits.stream_bytes,
                             xform_maximum_invocations_per_extraction=limits.forms_per_page):
        try:
            reader = PdfReader(path)
            if reader.is_encrypted and not reader.decrypt(""):
                raise DocumentError(name, "is encrypted; save it again without a password and try again")
            total = len(reader.pages)
        except errors as error:
            raise DocumentError(name, f"is a damaged or encrypted PDF file ({_reason(error, path, name)})") from error
        texts: list[str] = []
        skipped: list[int] = []
        stopped, number = "", 0
        for number in range(total):
            stopped = _stop_before_page(number, started, sum(map(len, texts)), limits)
            if stopped:
                break
            try:
                texts.append(reader.pages[number].extract_text() or "")
            except errors:
                skipped.append(number + 1)
        else:
            number = total
    text = "\n\n".join(page for page in texts if page.strip())
    facts: dict[str, Any] = {"pages": total, "pages_read": number, "skipped": tuple(skipped)}
    result = _cut(text, limits, **facts)
    return dataclasses.replace(result, stopped=stopped) if stopped and stopped != "characters" else result


def _stop_before_page(number: int, started: float, characters: int, limits: DocumentLimits) -> str:
    """Why page ``number`` (from 0) is not to be read, or ``""``."""
    if number >= limits.pages:
        return "pages"
    if limits.seconds is not None and time.process_time() - started > limits.seconds:
        return "time"
    if characters > limits.characters:
        return "characters"
    return ""


READERS: dict[str, Callable[[Path, str, DocumentLimits], DocumentText]] = {
    ".txt": _read_text,
    ".md": _read_text,
    ".docx": _read_docx,
    ".pdf": _read_pdf,
}
"""Document readers by lower-case file suffix."""


def extract_text(path: Path, name: str | None = None, limits: DocumentLimits = DocumentLimits()) -> DocumentText:
    """Return the plain text of a plan document, paragraphs separated by blank lines, and what the limits left out.

    Parameters
    ----------
    path
        A ``.pdf``, ``.docx``, ``.txt`` or ``.md`` file (text files must be UTF-8).
    name
        The file name to put in messages (default: the path's name), e.g. the name of the file a person uploaded.
    limits
        What reading may cost; see :class:`DocumentLimits`.

    Raises
    ------
    DocumentError
        When the file is missing, of another type, damaged, a zip bomb, or not UTF-8; the message starts with
        ``name``.
    """
    path = Path(path)
    shown = name or path.name
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        supported = ", ".join(sorted(READERS))
        raise DocumentError(shown, f"unsupported file type {path.suffix or '(none)'!r}; use one of {supported}")
    if not path.is_file():
        raise DocumentError(shown, "file not found")
    return reader(path, shown, limits)


DEFAULT_BUDGET = Budget()
"""What reading a document may cost by default: run_bounded's default budget."""


def read_document(path: Path, *, name: str | None = None, limits: DocumentLimits = DocumentLimits(),
                  budget: Budget = DEFAULT_BUDGET) -> DocumentText:
    """:func:`extract_text` in a child process within ``budget``.

    Unless ``limits`` says otherwise, no PDF page is started after three quarters of the budget's CPU seconds, so a
    long document gives its first pages rather than nothing.

    Raises
    ------
    DocumentError
        As :func:`extract_text`.
    lokalagenda.core.bounded.BudgetExceeded
        When reading went over the budget's memory, CPU or wall time.
    """
    if limits.seconds is None:
        limits = dataclasses.replace(limits, seconds=budget.cpu_seconds * 0.75)
    return run_bounded(extract_text, Path(path), name, limits, budget=budget)
