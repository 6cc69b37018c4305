"""Fetch specs: seeded from the app's specs.json, defined by the command, and planned into SSB/FHI queries."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lokalagenda.connectors.models import FetchSpec
from lokalagenda.connectors.publishers import PUBLISHERS
from lokalagenda.connectors.services import SpecError, define_spec, sync_specs
from lokalagenda.core.sources import fhi, ssb
from lokalagenda.places.models import Kommune

pytestmark = pytest.mark.django_db


def _kommuner() -> list[str]:
    return list(Kommune.objects.order_by("number").values_list("number", flat=True))


def test_sync_specs_seeds_pop_total_from_ssb_07459_and_is_idempotent() -> None:
    report = sync_specs()
    assert report.created == ["POP_TOTAL"]
    spec = FetchSpec.objects.get(indicator="POP_TOTAL")
    assert (spec.publisher, spec.table, spec.contents, spec.region_dimension, spec.first_year) == \
        ("ssb", "07459", "Personer1", "Region", 1986)
    assert spec.codelist == "agg_KommSummer" and spec.selections == {}
    again = sync_specs()
    assert again.created == [] and again.existing == ["POP_TOTAL"]
    assert FetchSpec.objects.count() == 1


def test_sync_specs_never_overwrites_a_spec_someone_changed() -> None:
    define_spec("POP_TOTAL", publisher="ssb", table="07459", contents="Personer1", first_year=2010)
    assert sync_specs().existing == ["POP_TOTAL"]
    assert FetchSpec.objects.get(indicator="POP_TOTAL").first_year == 2010


def test_sync_specs_reports_indicators_missing_from_the_catalogue(tmp_path: Path) -> None:
    path = tmp_path / "specs.json"
    path.write_text(json.dumps([{"indicator": "NOT_IN_CATALOGUE", "publisher": "ssb", "table": "1",
                                 "contents": "X", "targets": [], "goals": [17], "evidence": [],
                                 "verified": False}]), encoding="utf-8")
    assert sync_specs(path).missing == ["NOT_IN_CATALOGUE"]
    path.write_text(json.dumps([{"indicator": "POP_TOTAL", "tabel": "07459"}]), encoding="utf-8")
    with pytest.raises(SpecError, match=r"specs.json: entry 0 \(POP_TOTAL\): field 'tabel': unknown field"):
        sync_specs(path)


def test_pop_total_plan_selects_every_2024_kommune_through_kommsummer_and_eliminates_sex_and_age() -> None:
    sync_specs()
    spec = FetchSpec.objects.get(indicator="POP_TOTAL")
    tasks = PUBLISHERS["ssb"].plan(spec, _kommuner(), spec.years(2026), None)
    assert len(tasks) == 1  # 357 × 41 cells, far under 800,000
    task = tasks[0]
    assert task.url == f"{ssb.SSB_API}/tables/07459/data?lang=no&outputFormat=json-stat2"
    region, contents, time = task.body["selection"]
    assert region["variableCode"] == "Region" and region["codelist"] == "agg_KommSummer"
    assert len(region["valueCodes"]) == 357 and region["valueCodes"][:2] == ["K-0301", "K-1101"]
    # v2 cannot eliminate ContentsCode or Tid; Kjonn and Alder are left out, so SSB sums them.
    assert contents == {"variableCode": "ContentsCode", "valueCodes": ["Personer1"]}
    assert time["variableCode"] == "Tid" and time["valueCodes"][0] == "1986" and time["valueCodes"][-1] == "2026"
    assert "Kjonn" not in json.dumps(task.body) and "Alder" not in json.dumps(task.body)


def test_a_small_cell_limit_splits_along_the_region() -> None:
    sync_specs()
    spec = FetchSpec.objects.get(indicator="POP_TOTAL")
    tasks = PUBLISHERS["ssb"].plan(spec, _kommuner(), spec.years(2026), 357 * 41 // 2 + 100)
    regions = [task.body["selection"][0]["valueCodes"] for task in tasks]
    assert len(tasks) == 2 and sum(len(codes) for codes in regions) == 357
    assert len({task.key for task in tasks}) == 2


def test_fhi_plan_names_every_dimension() -> None:
    spec = define_spec("VAX_MEASLES_AGE2", publisher="fhi", source="nokkel", table="175", contents="RATE",
                       selections={"KJONN": ["0"]}, first_year=2019, last_year=2020)
    (task,) = PUBLISHERS["fhi"].plan(spec, _kommuner(), spec.years(2026), None)
    assert task.url == f"{fhi.FHI_API}/nokkel/Table/175/data"
    dimensions = {d["code"]: d["values"] for d in task.body["dimensions"]}
    assert dimensions["AAR"] == ["2019_2019", "2020_2020"] and dimensions["KJONN"] == ["0"]
    assert dimensions["MEASURE_TYPE"] == ["RATE"] and len(dimensions["GEO"]) == 357
    assert task.body["response"]["format"] == "json-stat2"


@pytest.mark.parametrize(("fields", "message"), [
    ({"publisher": "sbb", "table": "1", "contents": "X"}, "unknown publisher 'sbb'"),
    ({"publisher": "ssb", "table": "1"}, "needs a table and a contents code"),
    ({"publisher": "fhi", "table": "1", "contents": "RATE"}, "needs its source"),
    ({"publisher": "ssb", "table": "1", "contents": "X", "selections": {"Kjonn": "2"}}, "non-empty list"),
    ({"publisher": "ssb", "table": "1", "contents": "X", "first_year": 2020, "last_year": 2010}, "last year"),
])
def test_define_spec_refuses_specs_that_cannot_be_fetched(fields: dict[str, object], message: str) -> None:
    with pytest.raises(SpecError, match=message):
        define_spec("POP_TOTAL", **fields)
    assert not FetchSpec.objects.exists()


def test_define_spec_needs_a_catalogue_indicator() -> None:
    with pytest.raises(SpecError, match="unknown indicator 'NOPE'"):
        define_spec("NOPE", publisher="ssb", table="07459", contents="Personer1")
