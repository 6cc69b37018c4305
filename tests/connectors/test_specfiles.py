"""The spec files shipped in connectors/specs/: valid, evidenced, seeded; unverified specs warned about."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from lokalagenda.connectors.models import FetchSpec
from lokalagenda.connectors.services import SpecError, define_spec, read_specs, sync_specs
from lokalagenda.core.sources import ssb
from tests.connectors.conftest import POPULATION_SPECS, SHIPPED_SPECS
from tests.connectors.replay import STRAND, FakeTransport, ok

pytestmark = pytest.mark.django_db


def _is_bundle_path(source: str) -> bool:
    return not source.startswith(("http://", "https://")) and "@" not in source


def test_every_shipped_spec_file_is_valid_and_its_bundle_evidence_exists(data_dir: Path) -> None:
    entries = read_specs(SHIPPED_SPECS)
    assert "POP_TOTAL" in [entry.indicator for entry in entries]
    for entry in entries:
        for item in entry.evidence:
            if _is_bundle_path(item.source):
                assert (data_dir / item.source).is_file(), f"{entry.origin}: {item.source}"


def test_pop_total_is_verified_by_the_recorded_07459_responses() -> None:
    (entry,) = read_specs(POPULATION_SPECS)
    assert entry.is_verified, entry.unverified_reasons()
    sources = [item.source for item in entry.evidence]
    assert "recorded/ssb/v0_07459_population_kommsummer_2022_jsonstat2.json" in sources
    assert "recorded/ssb/v0_07459_population_strand1130_1986-2026_jsonstat2.json" in sources
    assert [str(target) for target in entry.targets] == ["17.18"] and [goal.number for goal in entry.goals] == [11, 17]


def test_seeding_stores_the_evidence_with_the_spec() -> None:
    sync_specs()
    spec = FetchSpec.objects.get(indicator="POP_TOTAL")
    assert spec.verified and spec.targets == ["17.18"] and spec.goals == [11, 17] and len(spec.evidence) == 4
    assert spec.unverified_reasons() == []


def _edit(folder: Path, **changes: object) -> None:
    path = folder / POPULATION_SPECS.name
    (entry,) = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps([{**entry, **changes}]), encoding="utf-8")


def test_new_evidence_reaches_a_stored_spec_only_while_it_fetches_what_the_file_says(population_specs_only):
    sync_specs()
    extra = {"source": "https://www.ssb.no/statbank/table/07459", "shows": "table 07459, ContentsCode Personer1"}
    (entry,) = json.loads(POPULATION_SPECS.read_text(encoding="utf-8"))
    _edit(population_specs_only, evidence=[*entry["evidence"], extra])
    assert sync_specs().refreshed == ["POP_TOTAL"]
    assert FetchSpec.objects.get(indicator="POP_TOTAL").evidence[-1] == extra
    assert sync_specs().refreshed == []
    define_spec("POP_TOTAL", contents="Personer2")  # changed by hand: the file's evidence is not about it
    _edit(population_specs_only, evidence=entry["evidence"])
    assert sync_specs().refreshed == []
    spec = FetchSpec.objects.get(indicator="POP_TOTAL")
    assert spec.evidence[-1] == extra
    assert spec.unverified_reasons() == ["the evidence does not name contents code Personer2"]


def _sync_all(monkeypatch: pytest.MonkeyPatch, *responses: ssb.Response) -> tuple[str, str]:
    fake = FakeTransport(*responses)
    monkeypatch.setattr(ssb.RequestsTransport, "post", lambda self, url, json: fake.post(url, json))
    out, err = io.StringIO(), io.StringIO()
    call_command("sync", "all", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_sync_warns_about_an_unverified_spec_and_still_fetches_it(population_specs_only, monkeypatch, recorded):
    _edit(population_specs_only, verified=False)
    out, err = _sync_all(monkeypatch, ok(recorded(STRAND)))
    assert ("Warning: the fetch spec of POP_TOTAL (ssb 07459) is unverified: not marked verified. "
            "'lokalagenda sync list' lists the unverified specs.") in err
    assert "POP_TOTAL (ssb 07459): 1 piece(s): 1 fetched" in out


def test_sync_of_a_verified_spec_prints_no_warning(monkeypatch, recorded):
    out, err = _sync_all(monkeypatch, ok(recorded(STRAND)))
    assert "Warning" not in err and "Fetched 1 piece(s), 41 rows." in out


def test_a_bad_spec_file_stops_sync_with_its_file_entry_and_field(population_specs_only, monkeypatch):
    _edit(population_specs_only, contents=["Personer1"])
    with pytest.raises(CommandError) as raised:
        _sync_all(monkeypatch)
    assert str(raised.value).startswith(f"{population_specs_only / POPULATION_SPECS.name}: entry 0 (POP_TOTAL): "
                                        "field 'contents': expected a non-empty text")
    assert not FetchSpec.objects.exists()


def test_an_fhi_spec_file_entry_without_its_source_is_named(population_specs_only):
    (population_specs_only / "fhi.json").write_text(json.dumps([{
        "indicator": "VAX_MEASLES_AGE2", "publisher": "fhi", "table": "175", "contents": "RATE", "targets": ["3.b"],
        "goals": [3], "evidence": [], "verified": False}]), encoding="utf-8")
    with pytest.raises(SpecError, match=r"fhi.json: entry 0 \(VAX_MEASLES_AGE2\): an FHI spec needs its source"):
        sync_specs()
