"""Plan documents are read as plain text; unreadable ones are reported with the file name."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from lokalagenda.core.errors import LokalagendaError
from lokalagenda.core.mapping.documents import DocumentError, extract_text
from tests.documents import minimal_pdf


def test_text_and_markdown_files_are_read_as_utf8(tmp_path: Path):
    for name in ("plan.txt", "plan.md"):
        path = tmp_path / name
        path.write_text("Mål 1: Færre klimagassutslipp.\n\nTiltak: kildesortering.", encoding="utf-8")
        assert extract_text(path) == "Mål 1: Færre klimagassutslipp.\n\nTiltak: kildesortering."


def test_word_paragraphs_and_tables_are_read(tmp_path: Path):
    document = docx.Document()
    document.add_paragraph("Kommunen skal auke kjeldesorteringa.")
    document.add_paragraph("")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Tiltak"
    table.cell(0, 1).text = "Matsvinn"
    path = tmp_path / "plan.docx"
    document.save(str(path))
    assert extract_text(path) == "Kommunen skal auke kjeldesorteringa.\n\nTiltak | Matsvinn"


def test_pdf_text_is_extracted(tmp_path: Path):
    path = tmp_path / "plan.pdf"
    path.write_bytes(minimal_pdf("Kildesortering av husholdningsavfall"))
    assert "Kildesortering av husholdningsavfall" in extract_text(path)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("plan.txt", "Miljø".encode("latin-1"), "is not UTF-8 text"),
        ("plan.docx", b"PK\x03\x04 not really a zip", "is not a readable Word (.docx) file"),
        ("plan.pdf", b"%PDF-1.4 broken", "damaged or encrypted PDF"),
        ("plan.rtf", b"{\\rtf1 plan}", "unsupported file type '.rtf'"),
    ],
)
def test_unreadable_documents_are_reported_with_the_file_name(tmp_path: Path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DocumentError) as raised:
        extract_text(path)
    assert str(raised.value).startswith(f"{name}: ")
    assert message in str(raised.value)
    assert isinstance(raised.value, LokalagendaError)


def test_a_missing_document_is_reported_with_its_name(tmp_path: Path):
    with pytest.raises(DocumentError, match=r"^kommuneplan\.pdf: file not found$"):
        extract_text(tmp_path / "kommuneplan.pdf")
