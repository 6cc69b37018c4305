"""Benchmark: the size of a full sync of the core set, planned offline (issue 13, item 6).

Every spec of ``src/lokalagenda/connectors/specs/*.json`` (read with the sync's own reader,
``connectors.services.read_specs``, so any key the reader accepts is followed) is planned with the real planner
of its publisher (``connectors.publishers.PUBLISHERS``) for the 357 kommuner of the data bundle and the years
``first_year`` … 2026 (``last_year`` when a spec has one): SSB pieces under 800,000 cells, FHI pieces under
``maxRowCount`` rows. Nothing is fetched.

Valgdirektoratet's planner reads each election's index (the country and constituency documents) from the API
before it knows its tasks, so it cannot plan offline; its tasks are counted as the planner would make them: per
election held in the years, one country document, one per constituency (19, as the recorded 2025 country
document lists) and one per kommune (357; earlier elections list the kommuner of their own structure, up to 430 in
2009), and marked as an estimate.

The minimum time is what the sync's rate limiter (``core.sources.ssb.RateLimiter``, 30 queries per 60 s, one
limiter per publisher as ``connectors.services`` makes them) makes the queries wait, replayed on a fake clock:
no response time is counted. The sync runs the specs one after the other, so the publishers' times add up.
The baseline in the same run is the number of specs (one query per spec if nothing had to be split).

Run: ``LOKALAGENDA_DATA_DIR=../shared/data .venv/bin/python benchmarks/sync_size.py [--year 2026]
[--specs FOLDER]``. Nothing here runs in the tests.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

#: Constituencies of a Storting election (``_links.related`` of the recorded 2025 country document).
VALG_COUNTRY = "recorded/valgresultat/st_2025_norge.json"


def kommuner(data: Path) -> list[str]:
    with (data / "norway" / "municipalities.csv").open(encoding="utf-8") as handle:
        return sorted(row["municipality_code"] for row in csv.DictReader(handle))


def valg_tasks(spec: Any, years: list[int], places: int, data: Path) -> tuple[int, int]:
    """The tasks the valg planner would make (per election: the country, each constituency and each kommune),
    and the kommune rows they give (one per kommune and election)."""
    from lokalagenda.core.sources import valg

    constituencies = len(json.loads((data / VALG_COUNTRY).read_text(encoding="utf-8"))["_links"]["related"])
    elections = len(valg.elections(spec.table, years))
    return elections * (1 + constituencies + places), elections * places


def planned_queries(spec: Any, places: list[str], years: list[int], plan: Any) -> tuple[int, int]:
    """The queries the real planner makes for ``spec``, and the rows asked for (kommuner × years).

    A spec with ``time_from_metadata`` makes its planner fetch the table's metadata first (one query more) to
    learn its time codes; offline it is planned with one code per year (at most as many cells as the table's
    own periods), and the metadata query is counted too.
    """
    extra = 0
    if getattr(spec, "time_from_metadata", False):
        spec.time_from_metadata, extra = False, 1
    return len(plan(spec, places, years, None)) + extra, len(places) * len(years)


def minimum_seconds(queries: int) -> float:
    """The waits of the sync's rate limiter for ``queries`` calls in a row, on a fake clock."""
    from lokalagenda.core.sources.ssb import RateLimiter

    clock = [0.0]
    limiter = RateLimiter(clock=lambda: clock[0], sleep=lambda seconds: clock.__setitem__(0, clock[0] + seconds))
    for _ in range(queries):
        limiter.acquire()
    return clock[0]


def plan_all(data: Path, year: int, specs: Path | None) -> dict[str, Any]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lokalagenda.web.settings.test")
    import django

    django.setup()
    from lokalagenda.connectors.models import FetchSpec
    from lokalagenda.connectors.publishers import PUBLISHERS
    from lokalagenda.connectors.services import read_specs

    places = kommuner(data)
    start = time.perf_counter()
    entries = read_specs(specs)
    queries: Counter[str] = Counter()
    specs_per: Counter[str] = Counter()
    rows: Counter[str] = Counter()
    estimated: set[str] = set()
    metadata_first = 0
    largest: dict[str, tuple[int, str]] = defaultdict(lambda: (0, ""))
    for entry in entries:
        spec = FetchSpec(indicator_id=entry.indicator, **entry.fetch_fields())
        years = spec.years(year)
        if spec.publisher == FetchSpec.Publisher.VALG:
            count, size = valg_tasks(spec, years, len(places), data)
            estimated.add(spec.publisher)
        else:
            metadata_first += bool(getattr(spec, "time_from_metadata", False))
            count, size = planned_queries(spec, places, years, PUBLISHERS[spec.publisher].plan)
        queries[spec.publisher] += count
        specs_per[spec.publisher] += 1
        rows[spec.publisher] += size
        largest[spec.publisher] = max(largest[spec.publisher], (count, entry.indicator))
    planning = time.perf_counter() - start
    return {"queries": queries, "specs": specs_per, "rows": rows, "estimated": estimated, "largest": largest,
            "planning_seconds": planning, "kommuner": len(places), "metadata_first": metadata_first}


def report(result: dict[str, Any], year: int) -> None:
    print(f"{sum(result['specs'].values())} specs, {result['kommuner']} kommuner, years first_year … {year}; "
          f"planned in {result['planning_seconds']:.2f} s; {result['metadata_first']} specs read their time codes "
          "from the table's metadata first (one query each, counted)")
    print("| publisher | specs | queries | queries / spec | rows (kommuner × years asked) | most queries (spec) | "
          "minimum time at 30 queries/min |")
    print("|---|---|---|---|---|---|---|")
    total_seconds = 0.0
    for publisher in sorted(result["queries"]):
        queries, specs = result["queries"][publisher], result["specs"][publisher]
        seconds = minimum_seconds(queries)
        total_seconds += seconds
        mark = " (estimate: the plan reads the index online)" if publisher in result["estimated"] else ""
        count, indicator = result["largest"][publisher]
        print(f"| {publisher} | {specs} | {queries:,}{mark} | {queries / specs:.2f} | "
              f"{result['rows'][publisher]:,} | {count} ({indicator}) | {_minutes(seconds)} |")
    queries, specs = sum(result["queries"].values()), sum(result["specs"].values())
    print(f"| all | {specs} | {queries:,} | {queries / specs:.2f} | {sum(result['rows'].values()):,} | – | "
          f"{_minutes(total_seconds)} (publishers one after the other) |")


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:.1f} min"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--year", type=int, default=2026, help="the last year asked for (default 2026)")
    parser.add_argument("--specs", type=Path, help="a folder of spec files (default: the shipped specs)")
    args = parser.parse_args()
    data = Path(os.environ["LOKALAGENDA_DATA_DIR"])
    report(plan_all(data, args.year, args.specs), args.year)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    main()
