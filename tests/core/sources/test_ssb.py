"""The SSB statbank connector: queries, cell counting and splitting, rate limit, retries, resume.

No test talks to the network: a fixture makes every socket connection fail, and the fetcher gets a fake
transport that replays recorded SSB responses.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from lokalagenda.core.errors import LokalagendaError
from lokalagenda.core.sources import ssb
from lokalagenda.core.sources.jsonstat import read_bytes
from lokalagenda.core.sources.registry import ReadOptions
from lokalagenda.core.sources.ssb import (
    MAX_CELLS,
    Fetcher,
    FetchError,
    FetchTask,
    QueryError,
    RateLimiter,
    RequestsTransport,
    RetryPolicy,
    Selection,
    TableQuery,
    TransportError,
    count_cells,
    fetch_tasks,
    kommsummer_codes,
    kommune_query,
    make_fetcher,
    remaining_tasks,
    split_query,
)

KOMMUNER = [f"{number:04d}" for number in range(1000, 1357)]  # 357 made-up kommunenummer
KOMMSUMMER_2022 = "v0_07459_population_kommsummer_2022_jsonstat2.json"


class FakeClock:
    """A clock that only moves when something sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


class FakeTransport:
    """Answers POSTs from a list of responses (or exceptions), and records what was sent."""

    def __init__(self, *responses: ssb.Response | Exception) -> None:
        self.responses = list(responses)
        self.sent: list[tuple[str, Mapping[str, Any]]] = []

    def post(self, url: str, json: Mapping[str, Any]) -> ssb.Response:
        self.sent.append((url, json))
        response = self.responses.pop(0)
        if isinstance(response, Exception):
            raise response
        return response


def ok(body: bytes = b"{}", **headers: str) -> ssb.Response:
    return 200, headers, body


def fetcher(transport: FakeTransport, clock: FakeClock, attempts: int = 5) -> Fetcher:
    fetcher = make_fetcher(transport, clock=clock, sleep=clock.sleep, max_attempts=attempts)
    fetcher.now = lambda: datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    return fetcher


# --- queries ---------------------------------------------------------------------------------------------------

def test_kommune_query_selects_every_kommune_and_year() -> None:
    query = kommune_query("07459", ["Personer1"], KOMMUNER, range(2015, 2025))
    body = query.body()
    assert [selection["variableCode"] for selection in body["selection"]] == ["Region", "ContentsCode", "Tid"]
    assert body["selection"][0]["valueCodes"] == KOMMUNER
    assert body["selection"][2]["valueCodes"] == [str(year) for year in range(2015, 2025)]
    assert all("codelist" not in selection for selection in body["selection"])
    assert query.url() == "https://data.ssb.no/api/pxwebapi/v2/tables/07459/data?lang=no&outputFormat=json-stat2"
    assert count_cells(query) == 357 * 10
    assert split_query(query) == [query]


def test_kommsummer_codelist_and_kostra_dimensions() -> None:
    query = kommune_query("12362", ["KOSbelop0000"], kommsummer_codes(["0301", "4601"]), [2024],
                          region="KOKkommuneregion0000", codelist=ssb.KOMMSUMMER,
                          other={"KOKart0000": ["AG16", "AGD10"]})
    first = query.body()["selection"][0]
    assert first == {"variableCode": "KOKkommuneregion0000", "valueCodes": ["K-0301", "K-4601"],
                     "codelist": "agg_KommSummer"}
    assert query.variables() == ["KOKkommuneregion0000", "KOKart0000", "ContentsCode", "Tid"]
    assert count_cells(query) == 2 * 2 * 1 * 1


def test_contents_and_time_are_required() -> None:
    with pytest.raises(QueryError):
        kommune_query("07459", [], KOMMUNER, [2024])
    with pytest.raises(QueryError):
        kommune_query("07459", ["Personer1"], KOMMUNER, [])


def test_counting_expressions() -> None:
    top = TableQuery("07459", (Selection("Region", tuple(KOMMUNER)), Selection("ContentsCode", ("Personer1",)),
                               Selection("Tid", ("top(5)",))))
    assert count_cells(top) == 357 * 5
    wildcard = TableQuery("07459", (Selection("Region", ("*",)), Selection("Tid", ("2024",))))
    with pytest.raises(QueryError, match="explicit codes"):
        count_cells(wildcard)
    assert issubclass(QueryError, LokalagendaError)


# --- splitting -------------------------------------------------------------------------------------------------

def assert_partition(query: TableQuery, pieces: list[TableQuery], max_cells: int) -> None:
    """Every piece fits, and together the pieces select every cell of the query exactly once.

    Pieces are boxes (a product of code sets), so pairwise disjoint boxes within the query whose cells add up to
    the query's cells partition it exactly.
    """
    assert all(count_cells(piece) <= max_cells for piece in pieces)
    assert sum(count_cells(piece) for piece in pieces) == count_cells(query)
    boxes = [[set(selection.values) for selection in piece.selections] for piece in pieces]
    whole = [set(selection.values) for selection in query.selections]
    assert all(all(codes <= all_codes for codes, all_codes in zip(box, whole, strict=True)) for box in boxes)
    for i, box in enumerate(boxes):
        for other in boxes[i + 1:]:
            assert any(not codes & other_codes for codes, other_codes in zip(box, other, strict=True))
    assert all(piece.variables() == query.variables() for piece in pieces)


def test_400_contents_357_regions_10_years_splits_along_regions() -> None:
    contents = [f"C{number}" for number in range(400)]
    query = kommune_query("99999", contents, KOMMUNER, range(2015, 2025))
    assert count_cells(query) == 1_428_000
    pieces = split_query(query)
    assert len(pieces) == 2
    assert_partition(query, pieces, MAX_CELLS)
    assert [len(piece.selections[0].values) for piece in pieces] == [179, 178]
    assert all(piece.selections[2].values == query.selections[2].values for piece in pieces)


def test_split_falls_back_to_time_when_one_region_is_too_big() -> None:
    contents = [f"C{number}" for number in range(10_000)]
    query = kommune_query("99999", contents, KOMMUNER[:3], range(1926, 2026))
    pieces = split_query(query)
    assert_partition(query, pieces, MAX_CELLS)
    assert all(len(piece.selections[0].values) == 1 for piece in pieces)
    assert len(pieces) == 3 * 2


def test_split_that_cannot_succeed_raises() -> None:
    query = TableQuery("99999", (Selection("Region", ("0301",)), Selection("ContentsCode", ("A",)),
                                 Selection("Tid", ("top(900000)",))))
    with pytest.raises(QueryError, match="cannot split"):
        split_query(query)


def test_plan_gives_stable_distinct_keys() -> None:
    query = kommune_query("99999", [f"C{n}" for n in range(400)], KOMMUNER, range(2015, 2025))
    tasks = ssb.plan([query])
    assert len({task.key for task in tasks}) == len(tasks) == 2
    assert [task.key for task in ssb.plan([query])] == [task.key for task in tasks]
    assert all(task.key.startswith("99999:") and task.table == "99999" for task in tasks)


# --- rate limit ------------------------------------------------------------------------------------------------

def test_rate_limiter_lets_30_calls_through_and_makes_the_31st_wait() -> None:
    clock = FakeClock()
    limiter = RateLimiter(30, 60.0, clock, clock.sleep)
    for _ in range(30):
        limiter.acquire()
        clock.now += 1.0
    assert clock.sleeps == []
    waited = limiter.acquire()
    assert waited == pytest.approx(30.0)  # first call at 1000, now 1030: wait until 1060
    assert clock.sleeps == [pytest.approx(30.0)]


def test_rate_limiter_backs_off_when_the_server_says_none_remain() -> None:
    clock = FakeClock()
    limiter = RateLimiter(30, 60.0, clock, clock.sleep)
    limiter.acquire()
    limiter.observe({"x-ratelimit-remaining": "5"})
    assert limiter.acquire() == 0
    limiter.observe({"x-ratelimit-remaining": "0"})
    assert limiter.acquire() == pytest.approx(60.0)
    limiter.observe({"x-ratelimit-remaining": "0", "x-ratelimit-reset": "7"})
    assert limiter.acquire() == pytest.approx(7.0)


# --- fetching --------------------------------------------------------------------------------------------------

@pytest.fixture
def recorded_07459(data_dir: Path) -> bytes:
    return (data_dir / "recorded" / "ssb" / KOMMSUMMER_2022).read_bytes()


def task_07459() -> FetchTask:
    return kommune_query("07459", ["Personer1"], kommsummer_codes(KOMMUNER), [2022], codelist=ssb.KOMMSUMMER).task()


def test_429_then_200_retries_after_backoff_and_records_provenance(recorded_07459: bytes) -> None:
    clock = FakeClock()
    transport = FakeTransport((429, {"retry-after": "1"}, b'{"title": "Too many requests"}'), ok(recorded_07459))
    task = task_07459()
    piece = fetcher(transport, clock).fetch(task)
    assert clock.sleeps == [RetryPolicy().base_delay]
    assert len(transport.sent) == 2 and transport.sent[0] == (task.url, task.body)
    record = piece.record
    assert (record.status, record.attempts, record.updated) == (200, 2, "2022-02-24T07:00:00Z")
    assert record.url == task.url and record.query == task.body
    assert record.fetched_at == "2026-03-01T12:00:00+00:00"
    assert json.loads(json.dumps(record.as_dict()))["query"]["selection"][0]["codelist"] == "agg_KommSummer"

    result = read_bytes(piece.body, ReadOptions(indicator="POP_TOTAL"), file=task.url)
    assert len(result.table) == 356 and result.problems == []


def test_retry_after_header_lengthens_the_backoff() -> None:
    clock = FakeClock()
    transport = FakeTransport((503, {"retry-after": "30"}, b""), ok())
    fetcher(transport, clock).fetch(task_07459())
    assert clock.sleeps == [30.0]


def test_connection_errors_are_retried() -> None:
    clock = FakeClock()
    transport = FakeTransport(TransportError("reset"), ok(b'{"updated": "2026-01-01"}'))
    piece = fetcher(transport, clock).fetch(task_07459())
    assert piece.record.attempts == 2 and piece.record.updated == "2026-01-01"


def test_fetch_error_after_max_attempts_with_doubling_delays() -> None:
    clock = FakeClock()
    transport = FakeTransport(*[(500, {}, b"oops")] * 5)
    with pytest.raises(FetchError, match="gave up after 5 attempts; last: HTTP 500 oops") as raised:
        fetcher(transport, clock).fetch(task_07459())
    assert raised.value.status == 500
    assert len(transport.sent) == 5
    assert clock.sleeps == [2.0, 4.0, 8.0, 16.0]


def test_a_refused_query_is_not_retried() -> None:
    clock = FakeClock()
    body = json.dumps({"type": "Parameter error", "title": "Too many cells selected", "status": 400}).encode()
    transport = FakeTransport((400, {}, body))
    with pytest.raises(FetchError, match="HTTP 400: Too many cells selected") as raised:
        fetcher(transport, clock).fetch(task_07459())
    assert raised.value.status == 400
    assert len(transport.sent) == 1 and clock.sleeps == []


def test_fetches_share_the_rate_limit() -> None:
    clock = FakeClock()
    transport = FakeTransport(*[ok()] * 31)
    fetch = fetcher(transport, clock)
    for _ in range(31):
        fetch.fetch(task_07459())
    assert clock.sleeps == [pytest.approx(60.0)]


def test_default_transport_is_made_only_when_none_is_injected(monkeypatch: pytest.MonkeyPatch) -> None:
    import requests

    assert Fetcher().transport is None  # constructing does no I/O
    injected = FakeTransport(ok())
    assert Fetcher(injected).transport is injected

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise requests.ConnectionError("no network in tests")

    monkeypatch.setattr(requests, "post", refuse)
    with pytest.raises(TransportError, match="no network"):
        RequestsTransport().post("https://data.ssb.no/api/pxwebapi/v2/tables/07459/data", {})
    clock = FakeClock()
    default = make_fetcher(clock=clock, sleep=clock.sleep, max_attempts=2)
    with pytest.raises(FetchError, match="connection failed") as raised:
        default.fetch(task_07459())
    assert raised.value.status is None
    assert isinstance(default.transport, RequestsTransport)


# --- resuming --------------------------------------------------------------------------------------------------

def test_remaining_tasks_skip_done_keys_and_report_progress() -> None:
    tasks = [FetchTask(f"t:{n}", "t", f"https://example/{n}", {"n": n}) for n in range(4)]
    reports: list[tuple[int, int, str]] = []
    left = list(remaining_tasks(tasks, {"t:0", "t:2"}, lambda done, total, message: reports.append(
        (done, total, message))))
    assert [task.key for task in left] == ["t:1", "t:3"]
    assert [(done, total) for done, total, _ in reports] == [(2, 4), (3, 4), (4, 4)]


def test_fetch_tasks_resumes_after_a_failure() -> None:
    tasks = [FetchTask(f"t:{n}", "t", f"https://example/{n}", {"n": n}) for n in range(3)]
    clock = FakeClock()
    transport = FakeTransport(ok(b"1"), (404, {}, b"gone"))
    done: set[str] = set()
    with pytest.raises(FetchError, match="HTTP 404"):
        for piece in fetch_tasks(fetcher(transport, clock), tasks, done):
            done.add(piece.task.key)
    assert done == {"t:0"}
    transport = FakeTransport(ok(b"2"), ok(b"3"))
    bodies = [piece.body for piece in fetch_tasks(fetcher(transport, clock), tasks, done)]
    assert bodies == [b"2", b"3"]
    assert [url for url, _ in transport.sent] == ["https://example/1", "https://example/2"]


# --- table metadata (GET) --------------------------------------------------------------------------------------

class GetOnlyTransport:
    """Answers GETs from a list of responses; a POST is a mistake."""

    def __init__(self, *responses: ssb.Response) -> None:
        self.responses = list(responses)
        self.got: list[str] = []

    def get(self, url: str) -> ssb.Response:
        self.got.append(url)
        return self.responses.pop(0)

    def post(self, url: str, json: Mapping[str, Any]) -> ssb.Response:
        raise AssertionError(f"metadata is fetched with GET, not POST: {url}")


def test_metadata_is_a_get_of_the_v0_table_url_with_the_same_retries() -> None:
    task = ssb.metadata_task("07459")
    assert (task.method, task.url, task.table) == ("GET", "https://data.ssb.no/api/v0/no/table/07459", "07459")
    transport = GetOnlyTransport((503, {}, b"busy"), ok(b'{"title": "07459", "variables": []}'))
    clock = FakeClock()
    piece = fetcher(transport, clock).fetch(task)  # type: ignore[arg-type]
    assert transport.got == [task.url] * 2 and clock.sleeps == [2.0] and piece.record.attempts == 2


def test_requests_transport_get_turns_connection_failures_into_transport_errors(monkeypatch) -> None:
    import requests

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise requests.ConnectionError("no network in tests")

    monkeypatch.setattr(requests, "get", refuse)
    with pytest.raises(TransportError, match="table/07459: no network"):
        RequestsTransport().get("https://data.ssb.no/api/v0/no/table/07459")
