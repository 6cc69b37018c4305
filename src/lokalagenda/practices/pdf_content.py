"""Active content in a PDF: what a reader's PDF viewer could run, start or open by itself. A practice's
attachments are published to every reader, so a PDF holding any of it is refused rather than cleaned (a
cleaned file would no longer be the one the editor checked).

Judged from the document's objects as pypdf reads them, not from a byte search: names are decoded
(``/J#61vaScript`` is ``/JavaScript``) and objects inside compressed object streams are seen. Each action is
judged by its type wherever it hangs (``/OpenAction``, ``/AA`` of the document, a page, an annotation or a
form field, a link, a bookmark, a ``/Next`` chain), so an open action that shows page 1 or a web link is
fine, while JavaScript, a program to launch, a file to open or data to send, embedded files, XFA forms
(which carry scripts) and rich media are not.

The cost is bounded: every dictionary and array reachable from the catalog is visited once, at most
``MAX_OBJECTS`` indirect objects; a stream's dictionary is read but its data is never decoded (no text is
extracted), and pypdf's own limits bound the object streams it decompresses. Parsing hostile syntax can still
cost pypdf seconds per megabyte, so the scan runs in a child process within ``BUDGET``
(``lokalagenda.core.bounded``): a few milliseconds for an ordinary file, and at worst the budget's seconds
before the file is refused. A file pypdf cannot read within these limits is reported as unreadable, and
refused too.
"""

from __future__ import annotations

import io
from typing import IO, Any

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

from lokalagenda.core.bounded import MEGABYTE, Budget, BudgetExceeded, run_bounded

#: Indirect objects visited at most: pypdf reads some 5,000 a second, and a long report holds a few thousand.
MAX_OBJECTS = 20_000

#: What checking one upload may cost the web request that waits for it.
BUDGET = Budget(memory_bytes=512 * MEGABYTE, cpu_seconds=6, wall_seconds=10.0)

UNREADABLE = "unreadable"

#: Action types (``/S``) that run, start, open or send something, by the kind of active content.
ACTIONS = {"/JavaScript": "javascript", "/Launch": "launch", "/ImportData": "external",
           "/SubmitForm": "external", "/GoToR": "external", "/GoToE": "embedded", "/RichMediaExecute": "media"}
#: Keys that hold scripts, embedded files or XFA forms wherever they appear.
KEYS = {"/JS": "javascript", "/JavaScript": "javascript", "/EmbeddedFiles": "embedded", "/EF": "embedded",
        "/XFA": "xfa"}
#: Annotation subtypes and object types that embed files or media.
SUBTYPES = {"/FileAttachment": "embedded", "/RichMedia": "media", "/EmbeddedFile": "embedded"}
#: Link targets (``/URI``) a viewer would hand to something other than a web browser or mail program.
URI_PREFIXES = ("javascript:", "vbscript:", "file:", "data:", "\\\\")


def active_content(file: IO[bytes]) -> list[str]:
    """The kinds of active content in the PDF ``file`` (values of ``ACTIONS``, ``KEYS`` and ``SUBTYPES``, sorted;
    empty for a plain PDF), or ``[UNREADABLE]`` when it cannot be read within the limits and ``BUDGET``."""
    file.seek(0)
    data = file.read()
    file.seek(0)
    try:
        return run_bounded(scan, data, budget=BUDGET)
    except BudgetExceeded:
        return [UNREADABLE]


def scan(data: bytes) -> list[str]:
    """``active_content`` of the PDF ``data``, in this process and without a time limit."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return [UNREADABLE]  # a password we do not have: its objects cannot be judged
        return sorted(_walk(reader.trailer.raw_get("/Root")))
    except Exception:  # hostile input may break the parser in any way; every way means "cannot be checked"
        return [UNREADABLE]


def _walk(root: Any) -> set[str]:
    """Every dictionary and array reachable from ``root``, each indirect object once, judged one by one."""
    found: set[str] = set()
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            if len(seen) > MAX_OBJECTS:
                return {UNREADABLE}
            item = item.get_object()
        if isinstance(item, DictionaryObject):  # a stream too: its dictionary, never its decoded data
            found |= _judge(item)
            stack.extend(dict.values(item))  # raw: references are resolved when their turn comes
        elif isinstance(item, ArrayObject):
            stack.extend(list.__iter__(item))
    return found


def _judge(dictionary: DictionaryObject) -> set[str]:
    found = {kind for key, kind in KEYS.items() if key in dictionary}
    for key, kinds in (("/S", ACTIONS), ("/Subtype", SUBTYPES), ("/Type", SUBTYPES)):
        value = _name(dictionary, key)
        if value in kinds:
            found.add(kinds[value])
    if _name(dictionary, "/S") == "/URI":
        uri = dictionary.get("/URI")
        target = str(uri.get_object() if uri is not None else "").strip().lower()
        if target.startswith(URI_PREFIXES):
            found.add("external")
    return found


def _name(dictionary: DictionaryObject, key: str) -> str | None:
    value = dictionary.get(key)
    value = value.get_object() if value is not None else None
    return str(value) if isinstance(value, NameObject) else None
