"""``lokalagenda suggest-targets``: the documented JSON and JSONL shapes, plan documents and clear errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest
from django.core.management import CommandError, call_command

from tests.documents import docx_bomb, heavy_pdf, minimal_pdf

WASTE = "Kommunen skal øke kildesorteringen av husholdningsavfall."
NYNORSK = "Kommunen skal redusere klimagassutsleppa frå vegtrafikken."
WATER = "Drikkevannet skal ha god kvalitet, og vannverket skal ha reservevannforsyning."


@pytest.fixture(autouse=True)
def _data_dir(settings, data_dir: Path) -> None:
    settings.LOKALAGENDA_DATA_DIR = str(data_dir)


def run(*args: str, stderr: io.StringIO | None = None) -> str:
    out = io.StringIO()
    call_command("suggest_targets", *args, stdout=out, stderr=stderr or io.StringIO())
    return out.getvalue()


def test_one_text_prints_the_documented_json_object():
    result = json.loads(run("--text", WASTE, "--top", "3"))
    assert result["text"] == WASTE
    assert len(result["suggestions"]) == 3
    first = result["suggestions"][0]
    assert set(first) == {"target", "goal", "score", "evidence"}
    assert (first["target"], first["goal"]) == ("12.5", 12)
    assert 0 <= first["score"] <= 1 and all(isinstance(item, str) for item in first["evidence"])


def test_an_input_file_prints_one_jsonl_line_per_text_in_input_order(tmp_path: Path):
    path = tmp_path / "texts.txt"
    path.write_text(f"{NYNORSK}\n{WASTE}\n{WATER}\n", encoding="utf-8")
    lines = run("--input", str(path), "--format", "jsonl", "--top", "2").splitlines()
    objects = [json.loads(line) for line in lines]
    assert [o["text"] for o in objects] == [NYNORSK, WASTE, WATER]
    assert [o["suggestions"][0]["target"] for o in objects] == ["13.2", "12.5", "6.1"]
    assert all(len(o["suggestions"]) == 2 for o in objects)


def test_an_input_file_as_json_is_one_array_in_input_order(tmp_path: Path):
    path = tmp_path / "texts.txt"
    path.write_text(f"{WASTE}\n{NYNORSK}\n", encoding="utf-8")
    objects = json.loads(run("--input", str(path)))
    assert [o["text"] for o in objects] == [WASTE, NYNORSK]


def _write_docx(path: Path, paragraphs: list[str]) -> None:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    document.save(str(path))


@pytest.mark.parametrize("suffix", [".txt", ".docx", ".pdf"])
def test_a_document_prints_the_goal_profile_and_top_passages(tmp_path: Path, suffix: str):
    path = tmp_path / f"kommuneplan{suffix}"
    if suffix == ".txt":
        path.write_text(f"{WASTE}\n\n{WASTE}", encoding="utf-8")
    elif suffix == ".docx":
        _write_docx(path, [WASTE, WASTE])
    else:
        path.write_bytes(minimal_pdf("Kildesortering av husholdningsavfall og materialgjenvinning"))
    report = run("--document", str(path))
    assert report.startswith(f"kommuneplan{suffix}: 1 passages")
    assert "Goal 12 (" in report and "12.5 (" in report
    profile = json.loads(run("--document", str(path), "--format", "json"))
    assert profile["document"] == path.name
    assert sum(profile["goals"].values()) == pytest.approx(1.0, abs=1e-3)
    assert profile["top_passages"]["12"][0]["suggestions"][0]["target"] == "12.5"


@pytest.mark.parametrize("option", ["--input", "--document"])
def test_a_missing_file_is_a_command_error_naming_it(tmp_path: Path, option: str):
    with pytest.raises(CommandError, match="mangler.txt: file not found"):
        run(option, str(tmp_path / "mangler.txt"))


def test_an_empty_input_file_is_a_command_error_naming_it(tmp_path: Path):
    path = tmp_path / "tom.txt"
    path.write_text("\n  \n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"tom\.txt: the file has no text to map"):
        run("--input", str(path))


def test_an_empty_document_and_an_empty_text_are_command_errors(tmp_path: Path):
    path = tmp_path / "tom.docx"
    _write_docx(path, [])
    with pytest.raises(CommandError, match=r"tom\.docx: the document has no text to map"):
        run("--document", str(path))
    with pytest.raises(CommandError, match="--text: the text is empty"):
        run("--text", "  ")


def test_a_damaged_document_is_a_command_error_naming_it(tmp_path: Path):
    path = tmp_path / "skadet.pdf"
    path.write_bytes(b"%PDF-1.4 broken")
    with pytest.raises(CommandError, match=r"^skadet\.pdf: is a damaged or encrypted PDF"):
        run("--document", str(path))


def test_a_word_zip_bomb_is_a_command_error_before_it_is_unpacked(tmp_path: Path):
    path = tmp_path / "kommuneplan.docx"
    path.write_bytes(docx_bomb(WASTE))
    with pytest.raises(CommandError, match=r"^kommuneplan\.docx: part 'word/media/padding\.bin' is compressed"):
        run("--document", str(path))


def test_pdf_pages_too_costly_to_read_are_left_out_and_the_command_says_so(tmp_path: Path):
    path = tmp_path / "kommuneplan.pdf"
    path.write_bytes(heavy_pdf("Kildesortering av husholdningsavfall og materialgjenvinning"))
    errors = io.StringIO()
    report = run("--document", str(path), stderr=errors)
    assert report.startswith("kommuneplan.pdf: 1 passages") and "12.5 (" in report
    assert errors.getvalue().strip() == ("kommuneplan.pdf: pages 2, 3 were left out: they are too complex or "
                                         "damaged to read as text")
