"""``lokalagenda sync check``: each spec's codes against the publisher's table metadata, replayed offline.

The metadata is built in SSB's and FHI's documented shapes (metadata/README.md), or derived from a recorded data
response (``derived_v0_metadata``); no test sends a request.
"""

from __future__ import annotations

import io
import time
from datetime import UTC, datetime
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from lokalagenda.connectors.models import FetchSpec
from lokalagenda.connectors.services import PublisherUnavailable, define_spec, sync_specs
from lokalagenda.connectors.verification import check_specs
from lokalagenda.core.sources import ssb
from lokalagenda.core.sources.fetchspecs import SpecEntry
from lokalagenda.core.sources.ssb import TransportError
from tests.connectors.replay import FHI_DIMENSIONS, KOSTRA_13542, METADATA_07459, FakeTransport, derived_v0_metadata, ok

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 6, 1, tzinfo=UTC)


def _check(entries: list[SpecEntry], *responses: Any) -> tuple[Any, FakeTransport]:
    transport = FakeTransport(*responses)
    return check_specs(entries, transport=transport, now=NOW, sleep=lambda seconds: None), transport


def _pop_total() -> SpecEntry:
    sync_specs()
    return FetchSpec.objects.get(indicator="POP_TOTAL").entry()


def _kostra(**changes: Any) -> SpecEntry:
    fields: dict[str, Any] = {"indicator": "NET_OPERATING_RESULT", "publisher": "ssb", "table": "13542",
                              "contents": "KOSAGD230000", "region_dimension": "KOKkommuneregion0000",
                              "selections": {"KOKregnskapsomfa0000": ("B",)}, "first_year": 2020, "last_year": 2025}
    fields.update(changes)
    return SpecEntry(**fields)


def test_pop_total_checks_clean_against_the_07459_metadata():
    report, transport = _check([_pop_total()], ok(METADATA_07459.read_bytes()))
    (check,) = report.checks
    assert check.ok and report.failed == [] and report.fetched == 1
    assert transport.sent == [("https://data.ssb.no/api/v0/no/table/07459", {})]
    assert check.notes == ["the kommune codes go through codelist agg_KommSummer, which v0 metadata does not list, "
                           "so they were not checked"]


def test_unknown_codes_are_reported_with_the_codes_the_table_knows(recorded):
    spec = _kostra(contents="KOSAGD23000", selections={"KOKregnskapsomfa0000": ("X",), "KOKfunksjon0000": ("120",)})
    report, _ = _check([spec], ok(derived_v0_metadata(recorded(KOSTRA_13542))))
    (check,) = report.failed
    messages = {finding.dimension: finding.message for finding in check.findings}
    assert messages["ContentsCode"].startswith(
        "contents code(s) not in ContentsCode: KOSAGD23000; ContentsCode knows KOSAG110000 (Frie inntekter per "
        "innbygger (kr)), KOSAGD230000 (Netto driftresultat i prosent av brutto driftsinntekter (prosent)), ")
    assert messages["KOKregnskapsomfa0000"] == (
        "code(s) not in KOKregnskapsomfa0000: X; KOKregnskapsomfa0000 knows B ((Fylkes-)Kommunekasse), "
        "C ((Fylkes-)Kommuners konsoliderte regnskap)")
    assert messages["KOKfunksjon0000"].startswith("the table has no dimension KOKfunksjon0000 (code(s)); it has: "
                                                  "KOKkommuneregion0000 (region), KOKregnskapsomfa0000")
    # The recorded query asked for Strand (1130) only, so the derived metadata lacks the other 356 kommuner.
    region = next(f for f in check.findings if f.dimension == "KOKkommuneregion0000")
    assert len(region.unknown) == 356 and "1130" not in region.unknown and region.known == (("1130", "Strand"),)


def test_a_spec_the_recorded_kostra_metadata_knows_is_clean_but_for_the_other_kommuner(recorded):
    report, _ = _check([_kostra()], ok(derived_v0_metadata(recorded(KOSTRA_13542))))
    (check,) = report.checks
    assert [finding.dimension for finding in check.findings] == ["KOKkommuneregion0000"]


def test_a_table_is_fetched_once_for_all_its_specs(recorded):
    body = derived_v0_metadata(recorded(KOSTRA_13542))
    report, transport = _check([_kostra(), _kostra(indicator="FREE_INCOME", contents="KOSAG110000")], ok(body))
    assert len(transport.sent) == 1 and report.fetched == 1 and len(report.checks) == 2


def test_a_table_the_publisher_does_not_know_is_reported():
    refused = (400, {}, b'{"title": "Bad Request", "detail": "Table 99999 does not exist"}')
    report, _ = _check([_kostra(table="99999")], refused)
    (check,) = report.failed
    assert check.error == "data.ssb.no does not know table 99999: HTTP 400: Bad Request; Table 99999 does not exist"


def test_fhi_specs_are_checked_against_the_dimension_endpoint():
    spec = SpecEntry(indicator="POP_GROWTH", publisher="fhi", table="175", source="nokkel", contents="RATE",
                     selections={"KJONN": ("0",), "ALDER": ("0",)}, first_year=2020, last_year=2021)
    report, transport = _check([spec], ok(FHI_DIMENSIONS.read_bytes()))
    assert transport.sent[0][0] == "https://statistikk-data.fhi.no/api/open/v1/nokkel/Table/175/dimension"
    (check,) = report.checks
    messages = {finding.dimension: finding.message for finding in check.findings}
    assert set(messages) == {"MEASURE_TYPE", "GEO"}
    assert messages["MEASURE_TYPE"] == ("contents code(s) not in MEASURE_TYPE: RATE; MEASURE_TYPE knows "
                                        "BEFVEKST_ANT (antall)")
    assert messages["GEO"].startswith("kommune code(s) not in GEO: 1101, 1103")  # 0301 and 4601 are known


def test_publishers_without_a_metadata_endpoint_are_listed_as_not_checked():
    report, transport = _check([_kostra(publisher="valg", table="st")])
    (check,) = report.checks
    assert check.ok and transport.sent == []
    assert check.notes == ["no metadata endpoint is known for publisher valg, so it was not checked"]


def test_an_unreachable_publisher_stops_the_check():
    with pytest.raises(PublisherUnavailable) as raised:
        _check([_kostra()], *[TransportError("connection refused")] * 5)
    assert raised.value.host == "data.ssb.no" and raised.value.status is None


# --- the command ------------------------------------------------------------------------------------------------

def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("sync", "check", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def metadata_07459(monkeypatch: pytest.MonkeyPatch) -> FakeTransport:
    fake = FakeTransport(ok(METADATA_07459.read_bytes()))
    monkeypatch.setattr(ssb.RequestsTransport, "get", lambda self, url: fake.get(url))
    return fake


def test_sync_check_reports_every_spec_and_succeeds_when_all_codes_are_known(metadata_07459):
    output = _run()
    assert "POP_TOTAL (ssb 07459): ok\n  not checked: the kommune codes go through codelist agg_KommSummer" in output
    assert "Every checked code is known to its publisher (1 table(s) read)." in output


def test_sync_check_fails_when_a_spec_asks_for_an_unknown_code(metadata_07459):
    sync_specs()
    define_spec("POP_TOTAL", contents="Personer2")
    out = io.StringIO()
    with pytest.raises(CommandError, match=r"1 of 1 fetch spec\(s\) ask for codes their publisher does not know"):
        call_command("sync", "check", "--indicator", "POP_TOTAL", stdout=out, stderr=io.StringIO())
    assert ("POP_TOTAL (ssb 07459): 1 problem(s)\n  - contents code(s) not in ContentsCode: Personer2; ContentsCode "
            "knows Personer1 (Personer)") in out.getvalue()


def test_sync_check_of_an_indicator_without_a_spec_is_one_sentence():
    with pytest.raises(CommandError, match="no fetch spec for NOPE: 'lokalagenda sync list' lists them"):
        _run("--indicator", "NOPE")


def test_offline_sync_check_says_so_in_one_sentence(monkeypatch):
    monkeypatch.setattr(time, "sleep", lambda seconds: None)
    with pytest.raises(CommandError) as raised:
        _run()
    message = str(raised.value)
    assert message.startswith("Cannot check the specs: data.ssb.no cannot be reached, so this machine may be "
                              "offline (") and message.endswith(").")
    assert "\n" not in message and raised.value.returncode != 0


def test_a_table_of_periods_is_checked_on_the_periods_that_end_in_its_years():
    import json

    from tests.connectors.test_sync import PERIODS_METADATA

    entry = SpecEntry(indicator="PERSISTENT_LOW", publisher="ssb", table="12944", contents="EUskalaSeksti",
                      selections={"Alder": ("999A",)}, first_year=2023, last_year=2024, time_from_metadata=True)
    report, _ = _check([entry], ok(json.dumps(PERIODS_METADATA).encode()))
    (check,) = report.checks
    assert "Tid" not in [finding.dimension for finding in check.findings]  # (the made-up table has 2 kommuner)
    assert "time codes from the metadata: 2 of them end in the spec's years" in check.notes
    old = SpecEntry(**{**vars(entry), "first_year": 2010, "last_year": 2011})
    report, _ = _check([old], ok(json.dumps(PERIODS_METADATA).encode()))
    (finding,) = [finding for finding in report.checks[0].findings if finding.dimension == "Tid"]
    assert "2010" in finding.message and "2022-2024" in finding.message
