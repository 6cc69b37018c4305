"""No single request can take the site down: the probe's cheapest attacks, sent through the real pages, are answered
within coarse budgets of time and memory.

- A search with a 200-letter compound word (F1) took exponential time: 92 letters already cost 39 s.
- A zip bomb uploaded as an indicator import (.xlsx padded with spaces) or as a plan document (.docx with a part of
  zeros) (F2) was unpacked inside the web request: 1 MB files cost 1–2 GB of memory.

The budgets are far above what the fixed code needs and far below what the old code took; this is a guard, not a
benchmark (speed is measured in ``benchmarks/``). Time is bounded with an interval timer, so a regression fails
here instead of hanging the suite; memory is the process's peak resident size, reset before each attack (Linux).
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lokalagenda.indicators.catalogue import create_local_indicator
from lokalagenda.indicators.models import ImportJob
from lokalagenda.plans.models import PlanDocument
from lokalagenda.plans.services import save_plan
from tests.core.sources.test_excel import padded_workbook
from tests.documents import docx_bomb

pytestmark = pytest.mark.django_db
SECONDS = 10
MEGABYTES = 150
LONG_WORD = "bile" * 49 + "bilx"
SPLITTABLE_WORD = "bile" * 14 + "bilx"


def _kilobytes(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith(field))


@contextmanager
def within_budget() -> Iterator[None]:
    """Fails the test when the block takes more than SECONDS or raises the peak memory by more than MEGABYTES."""
    if not Path("/proc/self/clear_refs").exists():
        pytest.skip("peak memory can only be reset on Linux")

    def too_slow(signum: int, frame: Any) -> None:
        raise TimeoutError(f"took more than {SECONDS} s")

    Path("/proc/self/clear_refs").write_text("5")  # resets the peak resident size (VmHWM) to the current one
    before = _kilobytes("VmRSS")
    previous = signal.signal(signal.SIGALRM, too_slow)
    signal.setitimer(signal.ITIMER_REAL, SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    grown = (_kilobytes("VmHWM") - before) // 1024
    assert grown < MEGABYTES, f"the request raised peak memory by {grown} MB"


def _attack(send: Callable[[], Any]) -> Any:
    with within_budget():
        return send()


@pytest.mark.parametrize("word", [LONG_WORD, SPLITTABLE_WORD])
@pytest.mark.parametrize("url", ["/erfaringer/", "/api/practices", "/sok/"])
def test_a_search_for_a_long_compound_word_is_answered_within_budget(client, url: str, word: str) -> None:
    response = _attack(lambda: client.get(url, {"q": word}))
    assert response.status_code == 200


def test_an_xlsx_zip_bomb_uploaded_as_an_import_is_refused_within_budget(client, oslo_editor, tmp_path) -> None:
    indicator = create_local_indicator(oslo_editor.memberships.get().organisation, oslo_editor, targets=["11.6"],
                                       name_nb="Luftkvalitet", unit="µg/m3", direction="lower", aggregation="none")
    bomb = padded_workbook(tmp_path / "bombe.xlsx", 300).read_bytes()
    client.force_login(oslo_editor)
    response = _attack(lambda: client.post(reverse("uploads:upload"), {
        "file": SimpleUploadedFile("bombe.xlsx", bomb), "format": "auto", "organisation": indicator.organisation_id}))
    assert response.status_code == 302
    assert ImportJob.objects.get().status == ImportJob.Status.INVALID


def test_a_docx_zip_bomb_uploaded_as_a_plan_document_is_refused_within_budget(client, oslo_editor) -> None:
    plan = save_plan(oslo_editor.memberships.get().organisation, oslo_editor, kind="samfunnsdel",
                     title="Kommuneplanens samfunnsdel", start_year=2025, end_year=2040, status="consultation",
                     url="", published=False)
    bomb = docx_bomb("Oslo skal redusere klimagassutslippene.", megabytes=300)
    client.force_login(oslo_editor)
    client.cookies["lokalagenda_language"] = "en"
    response = _attack(lambda: client.post(reverse("plans:document-new", args=["0301", plan.id]),
                                           {"file": SimpleUploadedFile("samfunnsdel.docx", bomb)}))
    assert response.status_code == 200 and "samfunnsdel.docx could not be read" in response.content.decode()
    assert not PlanDocument.objects.exists()
