"""``lokalagenda sync``: thin over the services, with a report, clear errors and resume after Ctrl+C.

The command uses the default HTTP transport; here its ``post`` replays recorded responses, and with nothing to
replay the blocked network makes ``requests`` fail as it would on an offline machine.
"""

from __future__ import annotations

import io
import json
import time
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from lokalagenda.connectors.models import FetchLog, FetchSpec
from lokalagenda.core.sources import ssb
from lokalagenda.indicators.models import Observation
from tests.connectors.replay import STRAND, FakeTransport, ok
from tests.connectors.test_sync import FHI_RESPONSE, TWO_PIECES

pytestmark = pytest.mark.django_db


@pytest.fixture
def replay(monkeypatch: pytest.MonkeyPatch) -> Any:
    """``replay(*responses)``: the default transport answers with these, in order."""

    def install(*responses: ssb.Response | BaseException) -> FakeTransport:
        fake = FakeTransport(*responses)
        monkeypatch.setattr(ssb.RequestsTransport, "post", lambda self, url, json: fake.post(url, json))
        return fake

    return install


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("sync", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_sync_all_seeds_the_specs_fetches_and_reports(replay, recorded):
    replay(ok(recorded(STRAND)))
    output = _run("all")
    assert "Added fetch spec(s) from the spec files: POP_TOTAL" in output
    assert "POP_TOTAL (ssb 07459): 1 piece(s): 1 fetched, 0 already done; 41 rows; revision 1" in output
    assert "Fetched 1 piece(s), 41 rows." in output
    replay()
    again = _run("all")
    assert "1 fetched" not in again and "0 fetched, 1 already done" in again and "Nothing to fetch" in again


def test_sync_ssb_defines_the_spec_and_prints_steps_with_verbosity_2(replay, recorded):
    replay(ok(recorded(STRAND)))
    output = _run("ssb", "--table", "07459", "--indicator", "POP_TOTAL", "--contents", "Personer1",
                  "--codelist", "agg_KommSummer", "--first-year", "1986", "-v", "2")
    assert "[0/1] POP_TOTAL: fetching table 07459 (1 of 1)" in output
    assert "[1/1] POP_TOTAL: all pieces fetched" in output
    spec = FetchSpec.objects.get(indicator="POP_TOTAL")
    assert (spec.table, spec.contents, spec.codelist, spec.first_year) == ("07459", "Personer1", "agg_KommSummer",
                                                                            1986)
    assert Observation.objects.filter(indicator="POP_TOTAL", place="1130").count() == 41


def test_sync_fhi_defines_an_fhi_spec(replay):
    fake = replay(ok(json.dumps(FHI_RESPONSE).encode()))
    output = _run("fhi", "--source", "nokkel", "--table", "175", "--indicator", "VAX_MEASLES_AGE2", "--measure",
                  "RATE", "--select", "KJONN=0", "--first-year", "2019", "--last-year", "2020")
    assert "VAX_MEASLES_AGE2 (fhi 175): 1 piece(s): 1 fetched" in output
    assert fake.sent[0][0].endswith("/nokkel/Table/175/data")
    assert FetchSpec.objects.get(indicator="VAX_MEASLES_AGE2").selections == {"KJONN": ["0"]}


def test_an_offline_machine_gets_one_clear_sentence(monkeypatch):
    monkeypatch.setattr(time, "sleep", lambda seconds: None)
    with pytest.raises(CommandError) as raised:
        _run("all")
    message = str(raised.value)
    assert message.startswith("cannot reach data.ssb.no: ")
    assert "(this machine may be offline; the recorded fixtures are used in tests)" in message
    assert FetchLog.objects.get().status == "failed"


def test_ctrl_c_stops_and_the_next_run_resumes(replay, recorded):
    replay(ok(recorded(STRAND)), KeyboardInterrupt())
    with pytest.raises(CommandError, match="run the same command again to resume") as raised:
        _run("all", "--max-cells", str(TWO_PIECES))
    assert raised.value.returncode == 130
    assert FetchLog.objects.get().status == "stored"
    fake = replay(ok(recorded(STRAND)))
    assert "1 fetched, 1 already done" in _run("all", "--max-cells", str(TWO_PIECES))
    assert len(fake.sent) == 1


def test_a_failed_spec_is_reported_and_the_exit_code_says_so(replay):
    replay(ok(b"not json"))
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 of 1 fetch spec.s. failed"):
        call_command("sync", "all", stdout=out)
    assert "failed: https://data.ssb.no/" in out.getvalue() and "not valid JSON" in out.getvalue()


@pytest.mark.parametrize(("args", "message"), [
    (["ssb", "--table", "07459", "--indicator", "NOPE", "--contents", "X"], "unknown indicator 'NOPE'"),
    (["ssb", "--table", "07459", "--indicator", "POP_TOTAL", "--select", "Kjonn"], "DIMENSION=CODE"),
    (["fhi", "--source", "nokkel", "--table", "1", "--indicator", "POP_TOTAL", "--measure", "RATE",
      "--first-year", "3000"], "first year 3000"),
])
def test_bad_input_is_one_sentence(args, message):
    with pytest.raises(CommandError, match=message):
        _run(*args)
