"""Live sync, replayed: recorded SSB responses go through the core fetcher into dataset revisions, with the
network blocked. Resume, failures in the middle, retries and the one-transaction-per-piece rule."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from lokalagenda.connectors import services
from lokalagenda.connectors.models import FetchLog, FetchSpec
from lokalagenda.connectors.services import PublisherUnavailable, define_spec, specs_named, sync, sync_specs
from lokalagenda.core.sources.ssb import FetchError, TransportError
from lokalagenda.indicators.models import DatasetRevision, Indicator, Observation
from lokalagenda.indicators.services import import_file
from tests.connectors.replay import KOMMSUMMER_2022, STRAND, FakeTransport, ok

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
#: Half of POP_TOTAL's 357 kommuner × 41 years (and a little), so its plan has two pieces split by region.
TWO_PIECES = 357 * 41 // 2 + 100


def _sync(transport: FakeTransport, sleeps: list[float] | None = None, **options: Any) -> services.SyncReport:
    return sync(specs_named(), transport=transport, now=options.pop("now", NOW),
                sleep=(sleeps if sleeps is not None else []).append, **options)


def _pop_total() -> Any:
    return Observation.objects.filter(indicator="POP_TOTAL")


@pytest.fixture
def pop_total_spec() -> FetchSpec:
    sync_specs()
    return FetchSpec.objects.get(indicator="POP_TOTAL")


def test_sync_stores_observations_with_url_query_and_fetch_time_in_the_revision(pop_total_spec, recorded):
    transport = FakeTransport(ok(recorded(STRAND)))
    (result,) = _sync(transport).specs
    assert result.ok and (result.pieces, result.fetched, result.rows, result.revisions) == (1, 1, 41, [1])
    strand = _pop_total().filter(place="1130")
    assert strand.count() == 41 and strand.get(year=1986).value == 9059 and strand.get(year=2026).value == 13959
    assert set(strand.values_list("unit", flat=True)) == {"persons"}  # the catalogue's unit; SSB says "antall"
    url, query = transport.sent[0]
    revision = DatasetRevision.objects.get(indicator="POP_TOTAL")
    provenance = revision.provenance
    assert revision.source == url and provenance["url"] == url and provenance["query"] == query
    assert provenance["publisher"] == "ssb" and provenance["table"] == "07459"
    assert provenance["fetched_at"] == NOW.isoformat() and provenance["updated"] == "2026-02-25T07:00:00Z"
    assert provenance["publisher_units"] == ["antall"]
    log = FetchLog.objects.get()
    assert (log.status, log.http_status, log.rows, log.attempts) == ("stored", 200, 41, 1)
    assert (log.revision, log.fetched_at, log.url, log.query) == (revision, NOW, url, query)
    assert log.table_updated == "2026-02-25T07:00:00Z"


def test_a_second_sync_of_the_same_spec_fetches_nothing(pop_total_spec, recorded):
    _sync(FakeTransport(ok(recorded(STRAND))))
    idle = FakeTransport()
    (result,) = _sync(idle).specs
    assert idle.sent == [] and (result.pieces, result.skipped, result.fetched) == (1, 1, 0)
    assert DatasetRevision.objects.filter(indicator="POP_TOTAL").count() == 1


def test_a_failure_in_the_middle_keeps_piece_one_and_the_next_run_fetches_only_piece_two(pop_total_spec, recorded):
    first = FakeTransport(ok(recorded(STRAND)), FetchError("data.ssb.no: HTTP 400: Non-existent value", 400))
    (result,) = _sync(first, max_cells=TWO_PIECES).specs
    assert (result.pieces, result.fetched) == (2, 1) and "Non-existent value" in result.error
    assert _pop_total().count() == 41
    assert sorted(FetchLog.objects.values_list("status", flat=True)) == ["failed", "stored"]
    assert "Non-existent value" in FetchLog.objects.get(status="failed").message

    second = FakeTransport(ok(recorded(KOMMSUMMER_2022)))
    (result,) = _sync(second, max_cells=TWO_PIECES).specs
    assert result.ok and (result.skipped, result.fetched) == (1, 1)
    assert [body for _url, body in second.sent] == [first.sent[1][1]]
    assert _pop_total().get(place="0301", year=2022).value == 699827
    assert _pop_total().filter(place="1130").count() == 41  # piece 1 stays
    assert set(FetchLog.objects.values_list("status", flat=True)) == {"stored"}
    assert DatasetRevision.objects.filter(indicator="POP_TOTAL").count() == 2


def test_values_of_places_a_piece_does_not_cover_are_kept(pop_total_spec, recorded, tmp_path: Path):
    csv = tmp_path / "fylker.csv"
    csv.write_text("indicator_id,municipality_code,year,value\nPOP_TOTAL,11,2022,500000\nPOP_TOTAL,0,2022,5425270\n",
                   encoding="utf-8")
    import_file(csv)
    _sync(FakeTransport(ok(recorded(KOMMSUMMER_2022))))
    assert _pop_total().get(place="11", year=2022).value == 500000
    assert _pop_total().get(place="0", year=2022).value == 5425270
    assert _pop_total().filter(year=2022).count() > 350


def test_429_then_200_is_retried_after_a_backoff(pop_total_spec, recorded):
    sleeps: list[float] = []
    transport = FakeTransport((429, {"retry-after": "3"}, b'{"title": "Too Many Requests"}'), ok(recorded(STRAND)))
    (result,) = _sync(transport, sleeps).specs
    assert result.ok and len(transport.sent) == 2 and 3.0 in sleeps
    assert FetchLog.objects.get().attempts == 2
    assert DatasetRevision.objects.get(indicator="POP_TOTAL").provenance["attempts"] == 2


def test_an_unreachable_publisher_stops_the_run_and_the_next_run_resumes(pop_total_spec, recorded):
    offline = FakeTransport(*[TransportError("connection refused")] * 5)
    with pytest.raises(PublisherUnavailable) as raised:
        _sync(offline)
    assert raised.value.host == "data.ssb.no" and raised.value.status is None
    assert raised.value.report is not None and raised.value.report.specs[0].fetched == 0
    assert FetchLog.objects.get().status == "failed" and not _pop_total().exists()
    (result,) = _sync(FakeTransport(ok(recorded(STRAND)))).specs
    assert result.fetched == 1 and FetchLog.objects.get().status == "stored"


def test_a_piece_with_problems_is_logged_and_the_next_spec_still_syncs(pop_total_spec, recorded):
    Indicator.objects.create(id="BROKEN_SPEC", name_en="broken", unit="")
    define_spec("BROKEN_SPEC", publisher="ssb", table="07459", contents="Personer1", first_year=2022)
    transport = FakeTransport(ok(b'{"class": "dataset", "id": ["Region"]}'), ok(recorded(STRAND)))
    report = _sync(transport)
    broken, pop_total = report.specs
    assert broken.indicator == "BROKEN_SPEC" and "nothing was imported" in broken.error
    assert pop_total.ok and pop_total.fetched == 1 and report.failed == [broken]
    log = FetchLog.objects.get(spec__indicator="BROKEN_SPEC")
    assert log.status == "failed" and log.http_status == 200 and "problem" in log.message
    assert not Observation.objects.filter(indicator="BROKEN_SPEC").exists()


def test_a_crash_while_logging_a_piece_leaves_nothing_of_it(pop_total_spec, recorded, monkeypatch):
    def crash(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("power cut")

    monkeypatch.setattr(services, "_log_piece", crash)
    with pytest.raises(RuntimeError):
        _sync(FakeTransport(ok(recorded(STRAND))))
    assert not _pop_total().exists() and not DatasetRevision.objects.filter(indicator="POP_TOTAL").exists()
    monkeypatch.undo()
    assert _sync(FakeTransport(ok(recorded(STRAND)))).specs[0].fetched == 1


def test_max_age_fetches_old_pieces_again_and_unchanged_data_makes_no_revision(pop_total_spec, recorded):
    _sync(FakeTransport(ok(recorded(STRAND))))
    later = NOW + timedelta(days=40)
    assert _sync(FakeTransport(), now=later, max_age=timedelta(days=60)).fetched == 0
    (result,) = _sync(FakeTransport(ok(recorded(STRAND))), now=later, max_age=timedelta(days=30)).specs
    assert result.fetched == 1 and result.revisions == []
    log = FetchLog.objects.get()
    assert (log.status, log.fetched_at, log.revision) == ("unchanged", later, None)


# No FHI response was ever recorded (see shared/data/recorded/README.md), so this one is made up in FHI's shape:
# category.index as an array, years coded 2019_2019, status on the null cell.
FHI_RESPONSE = {
    "version": "2.0", "class": "dataset", "label": "Vaksinasjonsdekning (made up for a test)", "source": "FHI",
    "updated": "2025-04-01T00:00:00", "id": ["GEO", "AAR", "KJONN", "MEASURE_TYPE"], "size": [2, 2, 1, 1],
    "role": {"geo": ["GEO"], "time": ["AAR"], "metric": ["MEASURE_TYPE"]},
    "dimension": {
        "GEO": {"label": "Geografi", "category": {"index": ["0301", "1130"],
                                                  "label": {"0301": "Oslo", "1130": "Strand"}}},
        "AAR": {"label": "År", "category": {"index": ["2019_2019", "2020_2020"],
                                            "label": {"2019_2019": "2019", "2020_2020": "2020"}}},
        "KJONN": {"label": "Kjønn", "category": {"index": ["0"], "label": {"0": "kjønn samlet"}}},
        "MEASURE_TYPE": {"label": "Måltall", "category": {"index": ["RATE"], "label": {"RATE": "Andel"}}},
    },
    "value": [95.1, 95.4, 96.0, None], "status": {"3": ".."},
}


def test_fhi_specs_sync_through_the_same_machinery():
    define_spec("VAX_MEASLES_AGE2", publisher="fhi", source="nokkel", table="175", contents="RATE",
                selections={"KJONN": ["0"]}, first_year=2019, last_year=2020)
    transport = FakeTransport(ok(json.dumps(FHI_RESPONSE).encode()))
    (result,) = _sync(transport).specs
    assert result.ok and result.rows == 4
    url, query = transport.sent[0]
    assert url == "https://statistikk-data.fhi.no/api/open/v1/nokkel/Table/175/data"
    stored = Observation.objects.filter(indicator="VAX_MEASLES_AGE2")
    assert stored.get(place="0301", year=2020).value == 95.4
    assert stored.get(place="1130", year=2020).flag == "missing"
    provenance = DatasetRevision.objects.get(indicator="VAX_MEASLES_AGE2").provenance
    assert provenance["publisher"] == "fhi" and provenance["query"] == query and provenance["url"] == url


# Made up in the shape of SSB table 13563 (Region × HovArbStyrkStatus × ContentsCode × Tid): the parts of an
# employment rate, the employed (A.01) and everyone (TOT), as v2 answers a query for both codes.
PARTS_RESPONSE = {
    "version": "2.0", "class": "dataset", "label": "13563 (made up for a test)", "source": "Statistisk sentralbyrå",
    "updated": "2026-02-25T07:00:00Z", "id": ["Region", "HovArbStyrkStatus", "ContentsCode", "Tid"],
    "size": [2, 2, 1, 2], "role": {"geo": ["Region"], "time": ["Tid"], "metric": ["ContentsCode"]},
    "dimension": {
        "Region": {"category": {"index": {"0301": 0, "1130": 1}}},
        "HovArbStyrkStatus": {"category": {"index": {"A.01": 0, "TOT": 1}}},
        "ContentsCode": {"category": {"index": {"Bosatte": 0}, "unit": {"Bosatte": {"base": "personer"}}}},
        "Tid": {"category": {"index": {"2023": 0, "2024": 1}}},
    },
    "value": [350000, 360000, 500000, 500000, None, 7100, 10000, 10000], "status": {"4": ":"},
}


def test_a_spec_with_a_derivation_stores_the_share_of_its_parts_not_the_parts():
    Indicator.objects.create(id="EMPLOYMENT_SHARE_TEST", name_en="employment", unit="percent")
    define_spec("EMPLOYMENT_SHARE_TEST", publisher="ssb", table="13563", contents="Bosatte",
                selections={"HovArbStyrkStatus": ["A.01", "TOT"]}, first_year=2023, last_year=2024,
                derivation={"op": "share", "of": {"HovArbStyrkStatus": ["A.01"]},
                            "per": {"HovArbStyrkStatus": ["TOT"]}})
    transport = FakeTransport(ok(json.dumps(PARTS_RESPONSE).encode()))
    (result,) = _sync(transport).specs
    assert result.ok
    _url, query = transport.sent[0]
    assert {"variableCode": "HovArbStyrkStatus", "valueCodes": ["A.01", "TOT"]} in query["selection"]
    stored = {(row.place, row.year): (row.value, row.flag, row.disaggregation, row.unit)
              for row in Observation.objects.filter(indicator="EMPLOYMENT_SHARE_TEST")}
    assert stored == {("0301", 2023): (70.0, "", "", "percent"), ("0301", 2024): (72.0, "", "", "percent"),
                      ("1130", 2023): (None, "suppressed", "", "percent"),
                      ("1130", 2024): (71.0, "", "", "percent")}
    provenance = DatasetRevision.objects.get(indicator="EMPLOYMENT_SHARE_TEST").provenance
    assert provenance["derivation"]["op"] == "share"


def test_a_derivation_naming_codes_the_spec_does_not_select_is_refused():
    Indicator.objects.create(id="EMPLOYMENT_SHARE_TEST", name_en="employment", unit="percent")
    with pytest.raises(services.SpecError, match="derivation per: HovArbStyrkStatus TOT is not in the selections"):
        define_spec("EMPLOYMENT_SHARE_TEST", publisher="ssb", table="13563", contents="Bosatte",
                    selections={"HovArbStyrkStatus": ["A.01"]},
                    derivation={"op": "share", "of": {"HovArbStyrkStatus": ["A.01"]},
                                "per": {"HovArbStyrkStatus": ["TOT"]}})


# In the shape of SSB v0 metadata (tests/connectors/metadata/README.md) and of a v2 answer for table 12944,
# whose time codes are three-year periods (terchris/atlas ssb-12944 manifest: Tid as '2022-2024').
PERIODS_METADATA = {"title": "12944 (made up for a test)", "variables": [
    {"code": "Region", "text": "region", "values": ["0301", "1130"], "valueTexts": ["Oslo", "Strand"]},
    {"code": "Alder", "text": "alder", "values": ["999A"], "valueTexts": ["i alt"]},
    {"code": "ContentsCode", "text": "statistikkvariabel", "values": ["EUskalaSeksti"], "valueTexts": ["EU-60"]},
    {"code": "Tid", "text": "år", "values": ["2020-2022", "2021-2023", "2022-2024"],
     "valueTexts": ["2020-2022", "2021-2023", "2022-2024"], "time": True}]}
PERIODS_RESPONSE = {
    "version": "2.0", "class": "dataset", "label": "12944 (made up for a test)", "updated": "2026-02-25T07:00:00Z",
    "id": ["Region", "Alder", "ContentsCode", "Tid"], "size": [2, 1, 1, 2],
    "role": {"geo": ["Region"], "time": ["Tid"], "metric": ["ContentsCode"]},
    "dimension": {
        "Region": {"category": {"index": {"0301": 0, "1130": 1}}},
        "Alder": {"category": {"index": {"999A": 0}}},
        "ContentsCode": {"category": {"index": {"EUskalaSeksti": 0}, "unit": {"EUskalaSeksti": {"base": "prosent"}}}},
        "Tid": {"category": {"index": {"2021-2023": 0, "2022-2024": 1}}},
    },
    "value": [11.2, 11.5, 6.1, 6.3],
}


def test_a_table_of_periods_is_asked_for_the_periods_that_end_in_the_years_and_stored_under_their_end():
    Indicator.objects.create(id="PERSISTENT_LOW_TEST", name_en="persistent low income", unit="percent")
    define_spec("PERSISTENT_LOW_TEST", publisher="ssb", table="12944", contents="EUskalaSeksti",
                selections={"Alder": ["999A"]}, first_year=2023, last_year=2024, time_from_metadata=True,
                derivation={"op": "value"})
    transport = FakeTransport(ok(json.dumps(PERIODS_METADATA).encode()), ok(json.dumps(PERIODS_RESPONSE).encode()))
    (result,) = _sync(transport).specs
    assert result.ok, result.error
    (metadata_url, _), (_url, query) = transport.sent
    assert metadata_url == "https://data.ssb.no/api/v0/no/table/12944"
    assert {"variableCode": "Tid", "valueCodes": ["2021-2023", "2022-2024"]} in query["selection"]
    stored = {(row.place, row.year, row.disaggregation): row.value
              for row in Observation.objects.filter(indicator="PERSISTENT_LOW_TEST")}
    assert stored == {("0301", 2023, ""): 11.2, ("0301", 2024, ""): 11.5, ("1130", 2023, ""): 6.1,
                      ("1130", 2024, ""): 6.3}


def test_a_table_of_periods_with_none_in_the_years_fails_with_a_reason_and_fetches_no_data():
    Indicator.objects.create(id="PERSISTENT_LOW_TEST", name_en="persistent low income", unit="percent")
    define_spec("PERSISTENT_LOW_TEST", publisher="ssb", table="12944", contents="EUskalaSeksti",
                selections={"Alder": ["999A"]}, first_year=2010, last_year=2012, time_from_metadata=True)
    transport = FakeTransport(ok(json.dumps(PERIODS_METADATA).encode()))
    (result,) = _sync(transport).specs
    assert "12944: no year or period of the table ends in 2010–2012" in result.error and len(transport.sent) == 1


def test_an_fhi_table_of_periods_reads_its_aar_codes_from_the_dimension_endpoint():
    define_spec("VAX_MEASLES_AGE2", publisher="fhi", source="nokkel", table="342", contents="MEIS",
                selections={"KJONN": ["0"]}, first_year=2019, last_year=2020, time_from_metadata=True)
    dimensions = {"dimensions": [
        {"code": "GEO", "label": "Geografi", "categories": [{"value": "0301", "label": "Oslo"}]},
        {"code": "AAR", "label": "År", "categories": [{"value": "2015_2019", "label": "2015-2019"},
                                                       {"value": "2016_2020", "label": "2016-2020"},
                                                       {"value": "2017_2021", "label": "2017-2021"}]}]}
    transport = FakeTransport(ok(json.dumps(dimensions).encode()), ok(json.dumps(FHI_RESPONSE).encode()))
    _sync(transport)
    (dimension_url, _), (_url, query) = transport.sent
    assert dimension_url == "https://statistikk-data.fhi.no/api/open/v1/nokkel/Table/342/dimension"
    assert {"code": "AAR", "filter": "item", "values": ["2015_2019", "2016_2020"]} in query["dimensions"]
