"""The FHI Statistikk connector: request bodies, row counting and splitting, and fetching through the shared
SSB machinery with a fake transport (no network)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import pytest

from lokalagenda.core.sources import fhi, ssb
from lokalagenda.core.sources.fhi import FhiDimension, FhiQuery, count_rows, fhi_query, period_code, split_fhi_query
from lokalagenda.core.sources.jsonstat import read_bytes
from lokalagenda.core.sources.registry import ReadOptions
from lokalagenda.core.sources.ssb import QueryError, fetch_tasks, make_fetcher

from .test_jsonstat import FHI_GUIDE_EXAMPLE

KOMMUNER = [f"{number:04d}" for number in range(1000, 1357)]


def test_query_body_matches_the_documented_request() -> None:
    query = fhi_query("nokkel", 1, ["03", "30"], [2020, 2021], ["TELLER", "RATE"], other={"KJONN": ["0"]})
    assert query.url() == "https://statistikk-data.fhi.no/api/open/v1/nokkel/Table/1/data"
    assert query.body() == {
        "dimensions": [
            {"code": "GEO", "filter": "item", "values": ["03", "30"]},
            {"code": "AAR", "filter": "item", "values": ["2020_2020", "2021_2021"]},
            {"code": "KJONN", "filter": "item", "values": ["0"]},
            {"code": "MEASURE_TYPE", "filter": "item", "values": ["TELLER", "RATE"]},
        ],
        "response": {"format": "json-stat2", "maxRowCount": 50_000},
    }
    assert count_rows(query) == 2 * 2 * 1 * 2


def test_year_and_period_codes() -> None:
    assert fhi.year_code(2020) == "2020_2020"
    assert period_code(2018, 2020) == "2018_2020"
    with pytest.raises(QueryError):
        period_code(2021, 2019)
    query = fhi_query("nokkel", "7", ["0"], [2021, period_code(2018, 2020)], ["RATE"])
    assert query.dimensions[1].values == ("2021_2021", "2018_2020")


def test_filters() -> None:
    assert FhiDimension("AAR", ("3",), "top").rows() == 3
    assert FhiDimension("GEO", ("*",), "all").rows() is None
    with pytest.raises(QueryError):
        FhiDimension("GEO", ("03",), "agg:x")
    with pytest.raises(QueryError):
        FhiDimension("GEO", ())
    wildcard = FhiQuery("nokkel", "1", (FhiDimension("GEO", ("*",), "all"),))
    with pytest.raises(QueryError, match="filter 'all'"):
        count_rows(wildcard)


def test_split_keeps_every_piece_under_max_row_count() -> None:
    small = fhi_query("nokkel", 1, KOMMUNER, range(2005, 2025), ["TELLER", "RATE"], other={"KJONN": ["0", "1", "2"]})
    assert count_rows(small) == 42_840
    assert split_fhi_query(small) == [small]

    big = fhi_query("nokkel", 1, KOMMUNER, range(2005, 2025), ["TELLER", "RATE", "SMR", "MEIS"],
                    other={"KJONN": ["0", "1", "2"]})
    pieces = split_fhi_query(big)
    assert len(pieces) == 2
    assert all(count_rows(piece) <= 50_000 for piece in pieces)
    assert sum(count_rows(piece) for piece in pieces) == count_rows(big)
    assert [code for piece in pieces for code in piece.dimensions[0].values] == KOMMUNER
    assert all(piece.body()["response"]["maxRowCount"] == 50_000 for piece in pieces)

    unlimited = fhi_query("nokkel", 1, KOMMUNER, range(2005, 2025), ["A"] * 10, max_rows=None)
    assert split_fhi_query(unlimited) == [unlimited]
    assert "maxRowCount" not in unlimited.body()["response"]


def test_split_counts_top_filters_as_fixed_rows() -> None:
    query = FhiQuery("nokkel", "1", (FhiDimension("GEO", tuple(KOMMUNER)), FhiDimension("AAR", ("200",), "top")),
                     max_rows=10_000)
    pieces = split_fhi_query(query)
    assert all(count_rows(piece) <= 10_000 for piece in pieces)
    assert all(piece.dimensions[1] == query.dimensions[1] for piece in pieces)


class FakeTransport:
    def __init__(self, *responses: ssb.Response) -> None:
        self.responses = list(responses)
        self.sent: list[tuple[str, Mapping[str, Any]]] = []

    def post(self, url: str, json: Mapping[str, Any]) -> ssb.Response:
        self.sent.append((url, json))
        return self.responses.pop(0)


def test_fetch_with_the_shared_limiter_and_retries_then_read() -> None:
    sleeps: list[float] = []
    body = json.dumps(FHI_GUIDE_EXAMPLE).encode()
    transport = FakeTransport((429, {}, b""), (200, {"x-ratelimit-remaining": "10"}, body))
    fetcher = make_fetcher(transport, clock=lambda: 0.0, sleep=sleeps.append)
    tasks = fhi.plan([fhi_query("nokkel", 1, ["03", "30"], [2020, 2021], ["BEFVEKST_ANT"])])
    assert [task.table for task in tasks] == ["fhi-nokkel-1"]

    pieces = list(fetch_tasks(fetcher, tasks, done=set()))
    assert sleeps == [2.0]
    assert transport.sent[0] == (tasks[0].url, tasks[0].body)
    assert pieces[0].record.updated == "2022-12-20T11:44:58.7706326+00:00"
    result = read_bytes(pieces[0].body, ReadOptions(indicator="POP_GROWTH"), file=tasks[0].url)
    assert result.problems == []
    assert sorted(zip(result.table["place"], result.table["year"], strict=True)) == [
        ("03", 2020), ("03", 2021), ("30", 2020), ("30", 2021)]
    assert list(fetch_tasks(fetcher, tasks, done={tasks[0].key})) == []


def test_a_refused_fhi_query_raises_fetch_error() -> None:
    transport = FakeTransport((400, {}, json.dumps({"status": "Too many rows"}).encode()))
    fetcher = make_fetcher(transport, clock=lambda: 0.0, sleep=lambda seconds: None)
    task = fhi_query("nokkel", 1, ["03"], [2020], ["RATE"]).task()
    with pytest.raises(ssb.FetchError, match="HTTP 400: Too many rows"):
        fetcher.fetch(task)
