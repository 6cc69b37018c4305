"""The command examples in docs/connectors.md run (those without <placeholders>), against replayed responses and
the built 07459 metadata."""

from __future__ import annotations

import io
import re
import shlex
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from lokalagenda.core.sources import ssb
from tests.connectors.replay import METADATA_07459, STRAND, ok

pytestmark = pytest.mark.django_db
DOC = Path(__file__).resolve().parents[2] / "docs" / "connectors.md"


def _examples() -> list[list[str]]:
    text = DOC.read_text(encoding="utf-8")
    lines = [line for block in re.findall(r"```sh\n(.*?)```", text, re.S) for line in block.splitlines()]
    return [shlex.split(line)[2:] for line in lines if line.startswith("lokalagenda sync ") and "<" not in line]


def test_the_docs_show_every_form_of_the_command():
    text = DOC.read_text(encoding="utf-8")
    for form in ("lokalagenda sync all", "lokalagenda sync ssb --table", "lokalagenda sync fhi --source",
                 "lokalagenda sync list", "lokalagenda sync list --format json", "lokalagenda sync check"):
        assert form in text, form


def test_the_runnable_examples_run(monkeypatch, recorded):
    def answer(self: Any, url: str, json: Mapping[str, Any]) -> ssb.Response:
        return ok(recorded(STRAND))

    def metadata(self: Any, url: str) -> ssb.Response:
        return ok(METADATA_07459.read_bytes())

    monkeypatch.setattr(ssb.RequestsTransport, "post", answer)
    monkeypatch.setattr(ssb.RequestsTransport, "get", metadata)
    examples = _examples()
    assert len(examples) >= 7
    for args in examples:
        call_command("sync", *args, stdout=io.StringIO(), stderr=io.StringIO())
