"""Plan documents are read as plain text within limits that are stated when reached; unreadable ones are reported
with the file name (never a server path), and a Word file is checked for zip bombs before it is opened."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from lokalagenda.core.bounded import Budget
from lokalagenda.core.errors import LokalagendaError
from lokalagenda.core.mapping.documents import DocumentError, DocumentLimits, extract_text, read_document
from tests.documents import docx_bomb, heavy_pdf, minimal_pdf, word_file


def test_text_and_markdown_files_are_read_as_utf8(tmp_path: Path):
    for name in ("plan.txt", "plan.md"):
        path = tmp_path / name
        path.write_text("Mål 1: Færre klimagassutslipp.\n\nTiltak: kildesortering.", encoding="utf-8")
        assert extract_text(path).text == "Mål 1: Færre klimagassutslipp.\n\nTiltak: kildesortering."


def test_word_paragraphs_and_tables_are_read_in_document_order(tmp_path: Path):
    document = docx.Document()
    document.add_paragraph("Kommunen skal auke kjeldesorteringa.")
    document.add_paragraph("")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Tiltak"
    table.cell(0, 1).text = "Matsvinn"
    table.cell(1, 0).text = "Ansvar"
    table.cell(1, 1).add_paragraph("Renovasjonsetaten")
    document.add_paragraph("Plastavfall skal sorterast.\tAlle husstandar.")
    path = tmp_path / "plan.docx"
    document.save(str(path))
    assert extract_text(path).text == ("Kommunen skal auke kjeldesorteringa.\n\nTiltak | Matsvinn\n\n"
                                       "Ansvar | Renovasjonsetaten\n\nPlastavfall skal sorterast.\tAlle husstandar.")


def test_a_word_zip_bomb_is_refused_before_it_is_opened_naming_the_file_not_the_path(tmp_path: Path):
    path = tmp_path / "upload.docx"
    path.write_bytes(docx_bomb("Kommunen skal auke kjeldesorteringa."))
    with pytest.raises(DocumentError) as raised:
        extract_text(path, "kommuneplan.docx")
    message = str(raised.value)
    assert message.startswith("kommuneplan.docx: part 'word/media/padding.bin' is compressed")
    assert "zip bomb" in message and str(tmp_path) not in message and "upload.docx" not in message


def test_word_text_is_cut_at_the_character_limit_and_says_so(tmp_path: Path):
    path = tmp_path / "plan.docx"
    path.write_bytes(word_file(*(f"Avsnitt {number} om klima og miljø." for number in range(200))))
    result = extract_text(path, limits=DocumentLimits(characters=100))
    assert result.text.startswith("Avsnitt 0 om klima og miljø.") and len(result.text) <= 100
    assert result.stopped == "characters"
    assert result.notes() == ["only the first 100 characters were read"]


def test_pdf_text_is_extracted(tmp_path: Path):
    path = tmp_path / "plan.pdf"
    path.write_bytes(minimal_pdf("Kildesortering av husholdningsavfall"))
    result = extract_text(path)
    assert "Kildesortering av husholdningsavfall" in result.text
    assert (result.pages, result.pages_read, result.skipped, result.stopped) == (1, 1, (), "")
    assert result.notes() == []


def test_pdf_pages_whose_content_is_too_costly_are_left_out_and_named(tmp_path: Path):
    path = tmp_path / "plan.pdf"
    path.write_bytes(heavy_pdf("Kildesortering av husholdningsavfall"))
    result = extract_text(path)
    assert result.text.strip() == "Kildesortering av husholdningsavfall"
    assert (result.pages, result.pages_read, result.skipped) == (3, 3, (2, 3))
    assert result.notes() == ["pages 2, 3 were left out: they are too complex or damaged to read as text"]


def test_pdf_reading_stops_at_the_page_limit_and_says_so(tmp_path: Path):
    path = tmp_path / "plan.pdf"
    path.write_bytes(heavy_pdf("Kildesortering av husholdningsavfall"))
    result = extract_text(path, limits=DocumentLimits(pages=1))
    assert "Kildesortering" in result.text and (result.pages_read, result.stopped) == (1, "pages")
    assert result.notes() == ["only the first 1 of 3 pages were read (at most 1 pages are read of a document)"]


def test_pdf_reading_stops_starting_pages_when_its_time_is_up(tmp_path: Path):
    path = tmp_path / "plan.pdf"
    path.write_bytes(heavy_pdf("Kildesortering av husholdningsavfall", stream_bytes=512 * 1024))
    # Page 2 is within the page's work limit but costs most of a second, so reading stops before page 3.
    result = extract_text(path, limits=DocumentLimits(seconds=0.3))
    assert "Kildesortering" in result.text and (result.pages_read, result.stopped) == (2, "time")


def test_a_costly_pdf_is_read_in_a_child_within_its_cpu_budget(tmp_path: Path):
    """Unlimited, this file takes seconds of CPU per page; bounded, its costly pages are left out in time."""
    path = tmp_path / "plan.pdf"
    path.write_bytes(heavy_pdf("Kildesortering av husholdningsavfall"))
    result = read_document(path, name="kommuneplan.pdf", budget=Budget(cpu_seconds=4, wall_seconds=60))
    assert "Kildesortering" in result.text and result.skipped == (2, 3)


def test_errors_come_back_from_the_child_as_document_errors(tmp_path: Path):
    path = tmp_path / "upload.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(DocumentError) as raised:
        read_document(path, name="kommuneplan.docx")
    assert str(raised.value).startswith("kommuneplan.docx: is not a readable Word (.docx) file")
    assert raised.value.name == "kommuneplan.docx" and str(tmp_path) not in str(raised.value)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("plan.txt", "Miljø".encode("latin-1"), "is not UTF-8 text"),
        ("plan.docx", b"PK\x03\x04 not really a zip", "is not a readable Word (.docx) file"),
        ("plan.docx", word_file("Ingen dokumentdel").replace(b"word/document.xml", b"word/dokument.xml"),
         "is not a readable Word (.docx) file"),
        ("plan.pdf", b"%PDF-1.4 broken", "damaged or encrypted PDF"),
        ("plan.rtf", b"{\\rtf1 plan}", "unsupported file type '.rtf'"),
    ],
)
def test_unreadable_documents_are_reported_with_the_file_name_and_no_path(tmp_path: Path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DocumentError) as raised:
        extract_text(path)
    assert str(raised.value).startswith(f"{name}: ")
    assert message in str(raised.value) and str(tmp_path) not in str(raised.value)
    assert isinstance(raised.value, LokalagendaError)


def test_a_missing_document_is_reported_with_its_name(tmp_path: Path):
    with pytest.raises(DocumentError, match=r"^kommuneplan\.pdf: file not found$"):
        extract_text(tmp_path / "kommuneplan.pdf")
