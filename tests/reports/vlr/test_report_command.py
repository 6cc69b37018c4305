"""``lokalagenda report``: one file for a kommune or fylke, one per kommune into a folder, clear errors."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from pypdf import PdfReader

from lokalagenda.reports.vlr.batch import ReportRequest, write_all_kommuner

pytestmark = pytest.mark.django_db


def test_bergen_vlr_pdf_is_written(measured, tmp_path):
    out = tmp_path / "bergen.pdf"
    stdout = io.StringIO()
    call_command("report", kommune="4601", type="vlr", format="pdf", out=str(out), stdout=stdout)
    reader = PdfReader(out)
    assert len(reader.pages) >= 2 and "Bergen" in reader.pages[0].extract_text()
    assert f"Wrote {out}" in stdout.getvalue()


def test_fylke_brief_html_in_nynorsk(measured, tmp_path):
    out = tmp_path / "vestland.html"
    call_command("report", fylke="46", type="brief", format="html", language="nn", out=str(out),
                 run=measured.pk, stdout=io.StringIO())
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="nn">' in html and "Vestland" in html


def test_batch_writes_one_file_per_kommune_and_reports_progress(measured, tmp_path):
    calls = []
    written = write_all_kommuner(ReportRequest("brief", "html", "en"), tmp_path / "briefs",
                                 lambda done, total, message: calls.append((done, total, message)),
                                 numbers=["0301", "4601"])
    assert [path.name for path in written] == ["brief-0301-en.html", "brief-4601-en.html"]
    assert calls == [(1, 2, "0301"), (2, 2, "4601")]
    assert "Oslo" in written[0].read_text(encoding="utf-8")


def test_bad_input_exits_with_a_clear_message(measured, tmp_path):
    cases = [({"kommune": "9999"}, "no kommune with the number 9999"),
             ({"fylke": "99"}, "no fylke with the number 99"),
             ({"kommune": "46"}, "no kommune with the number 46"),
             ({"fylke": "4601"}, "no fylke with the number 4601"),
             ({"kommune": "4601", "run": 12345}, "no finished measurement run with the id 12345")]
    for options, message in cases:
        with translation.override("en"), pytest.raises(CommandError, match=message):
            call_command("report", type="vlr", format="html", out=str(tmp_path / "x.html"), language="en", **options)
    existing = tmp_path / "file.txt"
    existing.write_text("x")
    with translation.override("en"), pytest.raises(CommandError, match="must be a folder"):
        call_command("report", kommune="all", type="brief", format="html", out=str(existing), language="en")
