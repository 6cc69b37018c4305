"""``lokalagenda sync list``: one object per spec, with its targets, goals, evidence and verification."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from lokalagenda.connectors.services import define_spec

pytestmark = pytest.mark.django_db

KEYS = ["indicator", "publisher", "table", "targets", "goals", "evidence", "verified", "in_catalogue",
        "unverified_reasons"]


@pytest.fixture
def three_specs(population_specs_only: Path) -> None:
    """POP_TOTAL (verified, from its file), an FHI spec defined by hand (no evidence) and a file entry whose
    indicator is not in the catalogue."""
    (population_specs_only / "waiting.json").write_text(json.dumps([{
        "indicator": "NET_OPERATING_RESULT", "publisher": "ssb", "table": "13542", "contents": "KOSAGD230000",
        "region_dimension": "KOKkommuneregion0000", "selections": {"KOKregnskapsomfa0000": ["B"]},
        "first_year": 2020, "targets": ["17.1"], "goals": [17],
        "evidence": [{"source": "recorded/ssb/v0_13542_kostra_key_figures_accounts_strand1130_2020-2025_jsonstat2.json",
                      "shows": "table 13542: ContentsCode KOSAGD230000, KOKkommuneregion0000 1130, "
                               "KOKregnskapsomfa0000 B"}],
        "verified": True}]), encoding="utf-8")
    define_spec("VAX_MEASLES_AGE2", publisher="fhi", source="nokkel", table="175", contents="RATE",
                selections={"KJONN": ["0"]})


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("sync", "list", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_json_is_an_array_with_one_spec_object_per_line(three_specs):
    output = _run("--format", "json")
    listed = json.loads(output)
    lines = output.strip().splitlines()
    assert lines[0] == "[" and lines[-1] == "]" and len(lines) == 2 + len(listed) == 5
    assert [json.loads(line.rstrip(",")) for line in lines[1:-1]] == listed
    assert [item["indicator"] for item in listed] == ["NET_OPERATING_RESULT", "POP_TOTAL", "VAX_MEASLES_AGE2"]
    assert all(list(item) == KEYS for item in listed)
    waiting, population, measles = listed
    assert population["publisher"] == "ssb" and population["table"] == "07459" and population["verified"] is True
    assert population["targets"] == ["17.18"] and population["goals"] == [11, 17]
    assert population["evidence"][0]["source"] == "recorded/ssb/v0_07459_population_kommsummer_2022_jsonstat2.json"
    assert measles["verified"] is False and measles["unverified_reasons"] == ["not marked verified", "no evidence"]
    assert waiting["verified"] is True and waiting["in_catalogue"] is False


def test_text_marks_the_unverified_and_lists_them_at_the_end(three_specs):
    lines = _run().splitlines()
    assert lines[0].split() == ["indicator", "publisher", "table", "goals", "targets", "evidence", "verified"]
    assert lines[2].split() == ["POP_TOTAL", "ssb", "07459", "11", "17", "17.18", "4", "yes"]
    assert lines[3].split()[-1] == "NO" and lines[3].startswith("VAX_MEASLES_AGE2")
    assert lines[4:] == ["3 fetch spec(s), 2 verified.", "Unverified (1):",
                         "  VAX_MEASLES_AGE2 (fhi 175): not marked verified; no evidence",
                         "Not in the catalogue, so sync skips them: NET_OPERATING_RESULT"]


def test_an_empty_listing_is_valid_json(population_specs_only):
    (population_specs_only / "ssb_population.json").write_text("[]", encoding="utf-8")
    assert json.loads(_run("--format", "json")) == []
