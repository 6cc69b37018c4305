"""A PDF attachment is published to every reader of a practice, so one that a PDF viewer could run by itself
(JavaScript, a program to launch, embedded files, …) is refused with a message naming the file. The PDFs are
built here with pypdf, or by hand where pypdf would tidy away what an attacker writes."""

from __future__ import annotations

import io
import time
import zlib
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter
from pypdf.actions import JavaScript, PageTrigger
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, TextStringObject

from lokalagenda.practices.models import Practice
from tests.documents import pdf_of

pytestmark = pytest.mark.django_db


def _name(value: str) -> NameObject:
    return NameObject(value)


def _action(kind: str, **entries: Any) -> DictionaryObject:
    action = DictionaryObject({_name("/Type"): _name("/Action"), _name("/S"): _name(kind)})
    for key, value in entries.items():
        action[_name(f"/{key}")] = TextStringObject(value) if isinstance(value, str) else value
    return action


def _link(action: DictionaryObject) -> DictionaryObject:
    return DictionaryObject({
        _name("/Type"): _name("/Annot"), _name("/Subtype"): _name("/Link"),
        _name("/Rect"): ArrayObject([FloatObject(10), FloatObject(10), FloatObject(100), FloatObject(30)]),
        _name("/A"): action})


def _pdf(change: Any = None) -> bytes:
    """A one-page PDF with a web link and an open action that shows page 1 (both harmless), changed by ``change``."""
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_annotation(0, _link(_action("/URI", URI="https://www.ssb.no/")))
    writer.root_object[_name("/OpenAction")] = ArrayObject([writer.pages[0].indirect_reference, _name("/Fit")])
    if change is not None:
        change(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _hand_made_pdf(catalog_extra: bytes = b"", stream: bytes = b"", stream_filter: bytes = b"") -> bytes:
    """A one-page PDF written byte by byte, with extra catalog entries and the page's content stream as given."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
        b"<< /Length %d %s >>\nstream\n" % (len(stream), stream_filter) + stream + b"\nendstream",
    ]
    return pdf_of(objects, version=b"1.7")


def _open_action_javascript(writer: PdfWriter) -> None:
    writer.root_object[_name("/OpenAction")] = writer._add_object(_action("/JavaScript", JS="app.alert('hei')"))


def _launch_link(writer: PdfWriter) -> None:
    writer.add_annotation(0, _link(_action("/Launch", F="C:\\Windows\\System32\\calc.exe")))


def _named_javascript(writer: PdfWriter) -> None:
    writer.add_open_action(JavaScript("this.print();"))


def _page_opens_javascript(writer: PdfWriter) -> None:
    writer.pages[0].add_action(PageTrigger.OPEN, JavaScript("app.alert(1);"))


def _embedded_file(writer: PdfWriter) -> None:
    writer.add_attachment("faktura.exe", b"MZ\x90\x00")


def _javascript_chained_after_a_web_link(writer: PdfWriter) -> None:
    action = _action("/URI", URI="https://www.ssb.no/")
    action[_name("/Next")] = _action("/JavaScript", JS="app.alert(2)")
    writer.add_annotation(0, _link(action))


def _link_to_a_shared_folder(writer: PdfWriter) -> None:
    writer.add_annotation(0, _link(_action("/URI", URI="\\\\fileserver\\share\\faktura.exe")))


def _upload(client: Any, practice: Practice, name: str, content: bytes) -> str:
    response = client.post(f"/erfaringer/{practice.pk}/vedlegg/", {"file": SimpleUploadedFile(name, content)},
                           follow=True)
    return response.content.decode()


@pytest.fixture
def draft(client: Any, make_practice: Any, oslo_editor: Any) -> Practice:
    client.force_login(oslo_editor)
    client.cookies["lokalagenda_language"] = "en"
    return make_practice(oslo_editor)


def test_a_plain_pdf_with_a_web_link_is_accepted(client: Any, draft: Practice) -> None:
    _upload(client, draft, "rapport.pdf", _pdf())
    assert list(draft.attachments.values_list("kind", flat=True)) == ["pdf"]


@pytest.mark.parametrize(("change", "what"), [
    (_open_action_javascript, "JavaScript"),
    (_launch_link, "an action that starts a program"),
    (_named_javascript, "JavaScript"),
    (_page_opens_javascript, "JavaScript"),
    (_embedded_file, "embedded files"),
    (_javascript_chained_after_a_web_link, "JavaScript"),
    (_link_to_a_shared_folder, "an action that opens another file or sends data"),
])
def test_a_pdf_with_active_content_is_refused_naming_the_file(client: Any, draft: Practice, change: Any,
                                                              what: str) -> None:
    page = _upload(client, draft, "rapport.pdf", _pdf(change))
    assert "rapport.pdf contains active content" in page and what in page
    assert not draft.attachments.exists()


def test_javascript_behind_escaped_names_is_found(client: Any, draft: Practice) -> None:
    """``/J#61vaScript`` is ``/JavaScript`` to a viewer; a search for the bytes would miss it."""
    content = _hand_made_pdf(b"/OpenAction << /S /J#61vaScript /#4AS (app.alert(3)) >>")
    assert b"/JavaScript" not in content and b"/JS" not in content
    page = _upload(client, draft, "skjult.pdf", content)
    assert "skjult.pdf contains active content (JavaScript)" in page
    assert not draft.attachments.exists()


def test_a_pdf_that_cannot_be_read_is_refused(client: Any, draft: Practice) -> None:
    page = _upload(client, draft, "skadet.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 40)
    assert "skadet.pdf could not be checked" in page
    assert not draft.attachments.exists()


def test_a_small_pdf_with_a_huge_stream_is_checked_without_reading_the_stream(client: Any, draft: Practice) -> None:
    """100 MB of page content squeezed into 100 kB: the check reads the document's structure, never the stream
    (were it decoded, pypdf's limit of 75 MB would stop it and the file would be refused)."""
    stream = zlib.compress(b"0 0 m 1 1 l S\n" * 7_500_000, 9)
    content = _hand_made_pdf(stream=stream, stream_filter=b"/Filter /FlateDecode")
    assert len(content) < 1_000_000
    started = time.monotonic()
    _upload(client, draft, "stor.pdf", content)
    assert time.monotonic() - started < 10  # a coarse budget
    assert list(draft.attachments.values_list("kind", flat=True)) == ["pdf"]


def test_a_pdf_too_costly_to_read_is_refused_within_the_budget(client: Any, draft: Practice,
                                                              monkeypatch: Any) -> None:
    """Ten megabytes of empty dictionaries cost pypdf half a minute to parse; the check gives up at its budget."""
    from lokalagenda.core.bounded import Budget
    from lokalagenda.practices import pdf_content

    monkeypatch.setattr(pdf_content, "BUDGET", Budget(cpu_seconds=1, wall_seconds=3.0))
    padding = b"[" + (b"[" + b"<<>>" * 99_000 + b"]") * 25 + b"]"
    content = _hand_made_pdf(b"/Padding " + padding)
    started = time.monotonic()
    page = _upload(client, draft, "tung.pdf", content)
    assert time.monotonic() - started < 10  # a coarse budget
    assert "tung.pdf could not be checked" in page
    assert not draft.attachments.exists()
