"""Benchmark: storing a full core-set sync's observations (``indicators.services.store``), old path against new.

The table: 80 indicators × 357 kommuner × 25 years (2002–2026) = 714,000 rows of synthetic values (seed
20261207), about the size of a full sync of the core set (issue 13, item 6). Three stores, one after the other,
into a fresh database:

1. **first**: every value is new (80 first revisions, 714,000 observations and as many change records);
2. **unchanged**: the same table again (reads and compares everything, writes nothing);
3. **changed**: every 10th value changed and every 50th row left out (removed), as a re-sync might.

Each is run with the new path (``store()`` as it is: COPY on PostgreSQL, one prepared INSERT elsewhere, deletes
through a temporary key table) and with the old path, kept here only as the baseline: the ``_write_revision`` of
before (Django ``bulk_create`` of model instances, deletes in chunks of 500 places), on the schema of before (the
three indexes migration ``indicators.0007`` dropped are created again). Both run in the same command,
each in a fresh process and a fresh database, so peak memory (max RSS) is the store's own. Results are printed
as seconds per million rows and the ratio old / new.

Run: ``.venv/bin/python benchmarks/store_observations.py [--database-url postgres://root@127.0.0.1:5432/test]
[--paths new,old] [--indicators 80]``. SQLite always runs (a temporary file); with ``--database-url`` a
scratch database is made on that server for each run and dropped after it. Nothing here runs in the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import scratch_database

KOMMUNER = 357
YEARS = range(2002, 2027)
SEED = 20261207


def table(indicators: int, kommuner: list[str]) -> Any:
    """The tidy table of ``indicators`` × ``kommuner`` × :data:`YEARS`, synthetic values."""
    import numpy as np
    import pandas as pd

    from lokalagenda.core.observations import COLUMNS

    ids = [f"BENCH_{number:03d}" for number in range(indicators)]
    index = pd.MultiIndex.from_product([ids, kommuner, list(YEARS)], names=["indicator", "place", "year"])
    frame = index.to_frame(index=False)
    frame["year"] = frame["year"].astype("int64")
    frame["disaggregation"] = ""
    frame["value"] = np.random.default_rng(SEED).uniform(0, 1000, len(frame)).round(1)
    frame["unit"] = "prosent"
    frame["flag"] = ""
    frame["source_row"] = np.arange(2, len(frame) + 2, dtype="int64")
    return frame[list(COLUMNS)]


def changed(frame: Any) -> Any:
    """Every 10th value changed, every 50th row left out (a removed value)."""
    import numpy as np

    result = frame.copy()
    every_tenth = np.arange(len(result)) % 10 == 3
    result.loc[every_tenth, "value"] = result.loc[every_tenth, "value"] + 1.5
    return result[np.arange(len(result)) % 50 != 7].reset_index(drop=True)


def old_write_revision(indicator_id: str, changes: Any, source: str, prepared: Any, user: Any) -> Any:
    """The baseline: ``_write_revision`` as it was before the set-based path (2026-12-07), kept only here."""
    from lokalagenda.indicators import services
    from lokalagenda.indicators.models import DatasetRevision, Observation, ObservationChange

    last = DatasetRevision.objects.filter(indicator_id=indicator_id).order_by("-number").first()
    revision = DatasetRevision.objects.create(
        indicator_id=indicator_id, number=(last.number + 1) if last else 1, source=source,
        provenance=services._json_safe(prepared.provenance), created_by=None,
        added=len(changes.added), changed=len(changes.changed), removed=len(changes.removed),
    )
    for frame in (changes.removed, changes.changed):
        for year, rows in frame.groupby("year"):
            pairs = list(zip(rows["place"], rows["disaggregation"], strict=True))
            for start in range(0, len(pairs), 500):
                chunk = pairs[start:start + 500]
                for disaggregation in {d for _p, d in chunk}:
                    Observation.objects.filter(indicator_id=indicator_id, year=int(year),
                                               disaggregation=disaggregation,
                                               place__in=[p for p, d in chunk if d == disaggregation]).delete()
    Observation.objects.bulk_create(
        (Observation(indicator_id=indicator_id, place=r.place, year=r.year, disaggregation=r.disaggregation,
                     value=_number(r.value), unit=r.unit, flag=r.flag, revision=revision)
         for frame in (changes.added, changes.changed) for r in frame.itertuples(index=False)),
        batch_size=5000,
    )
    ObservationChange.objects.bulk_create(_old_change_rows(revision, changes), batch_size=5000)
    return revision


def _old_change_rows(revision: Any, changes: Any) -> Any:
    from lokalagenda.indicators.models import ObservationChange

    kinds = ((ObservationChange.Kind.ADDED, changes.added), (ObservationChange.Kind.CHANGED, changes.changed),
             (ObservationChange.Kind.REMOVED, changes.removed))
    for kind, frame in kinds:
        for r in frame.itertuples(index=False):
            values = r._asdict()
            yield ObservationChange(
                revision=revision, kind=kind, place=r.place, year=r.year, disaggregation=r.disaggregation,
                old_value=_number(values.get("old_value")), old_flag=values.get("old_flag") or "",
                new_value=_number(values.get("value")), new_flag=values.get("flag") or "",
            )


def _number(value: Any) -> float | None:
    return None if value is None or value != value else float(value)


#: The indexes migration indicators 0007 dropped (the unique constraints start with the same column); the old
#: path is timed with them, as it ran before.
OLD_INDEXES = {
    "": ['CREATE INDEX "bench_observation_indicator" ON "indicators_observation" ("indicator_id")',
         'CREATE INDEX "bench_change_revision" ON "indicators_observationchange" ("revision_id")'],
    "postgresql": ['CREATE INDEX "bench_observation_indicator_like" ON "indicators_observation" '
                   '("indicator_id" varchar_pattern_ops)'],
}


def restore_old_indexes(connection: Any) -> None:
    with connection.cursor() as cursor:
        for statement in OLD_INDEXES[""] + OLD_INDEXES.get(connection.vendor, []):
            cursor.execute(statement)


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(path: str, indicators: int) -> dict[str, Any]:
    """One path in this (fresh) process: migrate, make the indicators, then the three stores."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lokalagenda.web.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from lokalagenda.core.imports import PreparedImport
    from lokalagenda.indicators import services
    from lokalagenda.indicators.models import Indicator, ObservationChange

    call_command("migrate", verbosity=0)
    Indicator.objects.bulk_create([Indicator(id=f"BENCH_{n:03d}", unit="prosent") for n in range(indicators)])
    kommuner = [f"{number:04d}" for number in range(3001, 3001 + KOMMUNER)]
    first = table(indicators, kommuner)
    second = changed(first)
    if path == "old":
        services._write_revision = old_write_revision
        restore_old_indexes(connection)
    result: dict[str, Any] = {"vendor": connection.vendor, "path": path, "rows": len(first),
                              "rss_before_mb": _max_rss_mb()}
    for name, frame in (("first", first), ("unchanged", first), ("changed", second)):
        start = time.perf_counter()
        report = services.store(PreparedImport(frame, []), source=f"{name}.csv")
        result[f"{name}_seconds"] = time.perf_counter() - start
        result[f"{name}_counts"] = [sum(getattr(r, kind) for r in report.revisions)
                                    for kind in ("added", "changed", "removed")]
    result["change_records"] = ObservationChange.objects.count()
    result["rss_peak_mb"] = _max_rss_mb()
    return result


def in_fresh_process(path: str, indicators: int, server: str | None, folder: str) -> dict[str, Any]:
    environment = {**os.environ, "LOKALAGENDA_VAR_DIR": folder}
    scratch = scratch_database.create(server, "lokalagenda_bench_store") if server else None
    if scratch:
        environment["DATABASE_URL"] = scratch
    else:
        environment.pop("DATABASE_URL", None)
        environment["LOKALAGENDA_VAR_DIR"] = tempfile.mkdtemp(dir=folder)
    try:
        output = subprocess.run([sys.executable, __file__, "--run", path, "--indicators", str(indicators)],
                                capture_output=True, text=True, check=True, env=environment).stdout
    finally:
        if scratch and server:
            scratch_database.drop(server, scratch)
    return json.loads(output.strip().splitlines()[-1])


def report(results: list[dict[str, Any]]) -> None:
    """Markdown rows: seconds per million rows of each store, ratio old / new, and peak memory."""
    print("| database | path | first store s (s per 1M rows) | unchanged s | changed s | peak RSS MB "
          "(growth in store) |")
    print("|---|---|---|---|---|---|")
    for result in results:
        per_million = result["first_seconds"] / result["rows"] * 1e6
        print(f"| {result['vendor']} | {result['path']} | {result['first_seconds']:.1f} ({per_million:.1f}) | "
              f"{result['unchanged_seconds']:.1f} | {result['changed_seconds']:.1f} | {result['rss_peak_mb']:.0f} "
              f"({result['rss_peak_mb'] - result['rss_before_mb']:.0f}) |")
    by = {(r["vendor"], r["path"]): r for r in results}
    for vendor in dict.fromkeys(r["vendor"] for r in results):
        old, new = by.get((vendor, "old")), by.get((vendor, "new"))
        if old and new:
            assert [old[f"{s}_counts"] for s in ("first", "unchanged", "changed")] == \
                   [new[f"{s}_counts"] for s in ("first", "unchanged", "changed")], "old and new paths disagree"
            print(f"{vendor}: old / new, first store {old['first_seconds'] / new['first_seconds']:.1f}×, "
                  f"changed {old['changed_seconds'] / new['changed_seconds']:.1f}×; same counts "
                  f"{new['first_counts']}, {new['changed_counts']} and {new['change_records']:,} change records")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--run", help=argparse.SUPPRESS)
    parser.add_argument("--indicators", type=int, default=80)
    parser.add_argument("--paths", default="new,old", help="which paths to time (new, old or both)")
    parser.add_argument("--database-url", help="a PostgreSQL server (URL of any database on it): also store there")
    parser.add_argument("--no-sqlite", action="store_true", help="only PostgreSQL")
    args = parser.parse_args()
    if args.run:
        print(json.dumps(run(args.run, args.indicators)))
        return
    servers: list[str | None] = ([] if args.no_sqlite else [None]) + ([args.database_url] if args.database_url else [])
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for server in servers:
            for path in args.paths.split(","):
                result = in_fresh_process(path, args.indicators, server, folder)
                print(json.dumps(result), flush=True)
                results.append(result)
    report(results)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    main()
