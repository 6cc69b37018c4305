"""The ``valg`` publisher in the registry: its planner reads each election's index through the run's fetcher, and
its reader turns a fetched document into turnout rows. No database and no network: a fake API serves the
recorded documents by URL."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from lokalagenda.connectors.models import FetchSpec
from lokalagenda.connectors.publishers import PUBLISHERS
from lokalagenda.core.sources import ssb, valg
from lokalagenda.core.sources.registry import ReadOptions
from lokalagenda.core.sources.ssb import QueryError

ST_2025 = valg.Election("st", 2025)


class FakeApi:
    """Serves documents by URL, 404 for any other."""

    def __init__(self, documents: Mapping[str, bytes]) -> None:
        self.documents = dict(documents)

    def get(self, url: str) -> ssb.Response:
        body = self.documents.get(url)
        return (200, {}, body) if body is not None else (404, {}, b"{}")

    def post(self, url: str, json: Mapping[str, Any]) -> ssb.Response:
        raise AssertionError("valgresultat.no is read with GET")


@pytest.fixture
def fetcher(data_dir: Path) -> ssb.Fetcher:
    """A fetcher over the recorded 2025 country document (its links cut to the one recorded constituency, 12)
    and the recorded constituency document."""
    recorded = data_dir / "recorded" / "valgresultat"
    country = json.loads((recorded / "st_2025_norge.json").read_text(encoding="utf-8"))
    country["_links"]["related"] = [link for link in country["_links"]["related"] if link["nr"] == "12"]
    api = FakeApi({valg.election_url(ST_2025): json.dumps(country).encode(),
                   valg.district_url(ST_2025, "12"): (recorded / "st_2025_fylke-12.json").read_bytes()})
    made = valg.make_fetcher(api, sleep=lambda seconds: None, max_attempts=1)
    made.now = lambda: datetime(2026, 3, 1, tzinfo=UTC)
    return made


def _spec(**fields: Any) -> FetchSpec:
    values = {"indicator_id": "ELECTION_TURNOUT_STORTING", "publisher": "valg", "table": "st",
              "contents": "frammote", "region_dimension": "", "first_year": 2025, **fields}
    return FetchSpec(**values)


def test_valg_plans_every_kommune_of_each_election_year_from_the_index(fetcher: ssb.Fetcher) -> None:
    spec = _spec()
    assert spec.problems() == []
    tasks = PUBLISHERS["valg"].plan(spec, ["4601"], [2024, 2025, 2026], None, fetcher=fetcher)
    assert [task.url for task in tasks[:3]] == [valg.election_url(ST_2025), valg.district_url(ST_2025, "12"),
                                                valg.kommune_url(ST_2025, "12", "4601")]
    assert len(tasks) == 2 + 25 and {task.method for task in tasks} == {"GET"}


def test_valg_plan_needs_the_fetcher_and_reads_turnout_only(fetcher: ssb.Fetcher) -> None:
    with pytest.raises(QueryError, match="hand the planner its fetcher"):
        PUBLISHERS["valg"].plan(_spec(), ["4601"], [2025], None)
    with pytest.raises(QueryError, match="contents must be 'frammote'"):
        PUBLISHERS["valg"].plan(_spec(contents="partier"), ["4601"], [2025], None, fetcher=fetcher)
    with pytest.raises(QueryError, match="unknown election type"):
        PUBLISHERS["valg"].plan(_spec(table="fy"), ["4601"], [2025], None, fetcher=fetcher)


def test_valg_reader_turns_a_document_into_turnout_rows(data_dir: Path) -> None:
    body = (data_dir / "recorded" / "valgresultat" / "st_2025_kommune-12-4601.json").read_bytes()
    result = PUBLISHERS["valg"].read(body, ReadOptions(indicator="ELECTION_TURNOUT_STORTING"), "u")
    assert result.ok and [(r.place, r.year, r.value) for r in result.table.itertuples()] == [("4601", 2025, 82.52)]
    assert PUBLISHERS["ssb"].read is PUBLISHERS["fhi"].read  # JSON-stat for both
