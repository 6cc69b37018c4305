"""Benchmark: importing 1,000,000 rows of tidy CSV, and reading one indicator back.

1. Parse + validate: the core pipeline of ``lokalagenda import`` (read with the CSV reader, map old codes,
   validate against the catalogue) against a bare ``pandas.read_csv`` of the same file, each run in a fresh
   subprocess so peak memory (max RSS) is measured per step. The ratio is what benchmarks/README.md records.
2. Store and read: the same rows stored as dataset revisions in a fresh SQLite database (and PostgreSQL
   with ``--postgres``), then the time to read one indicator for all kommuner and years.

Run with ``make bench``. Nothing here runs in the test suite.
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

import scratch_database

ROWS_INDICATORS = 100
YEARS = range(1997, 2025)


def write_csv(path: Path, kommuner: list[str]) -> int:
    """A long tidy CSV: 100 indicators × all kommuner × 28 years (≈ 1,000,000 rows)."""
    rows = 0
    with path.open("w", encoding="utf-8") as handle:
        handle.write("indicator_id,municipality_code,year,value\n")
        for number in range(ROWS_INDICATORS):
            for kommune in kommuner:
                for year in YEARS:
                    handle.write(f"BENCH_{number:03d},{kommune},{year},{(number * 7 + year) % 1000 + 0.5}\n")
                    rows += 1
    return rows


def _step(name: str, path: str, kommuner: list[str]) -> dict[str, float]:
    start = time.perf_counter()
    if name == "pandas":
        import pandas as pd

        pd.read_csv(path)
    else:
        from lokalagenda.core.codechanges import CodeHistory
        from lokalagenda.core.imports import prepare
        from lokalagenda.core.observations import Catalogue
        from lokalagenda.core.sources.csv_table import CsvTableReader
        from lokalagenda.core.sources.registry import ReadOptions

        indicators = {f"BENCH_{n:03d}": "" for n in range(ROWS_INDICATORS)}
        catalogue = Catalogue(indicators, frozenset(kommuner), {})
        result = CsvTableReader().read(Path(path), ReadOptions())
        prepared = prepare(result, file=Path(path).name, catalogue=catalogue, history=CodeHistory([], kommuner))
        assert prepared.ok, prepared.problems[:3]
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def parse_and_validate(csv_path: Path, kommuner: list[str], repeat: int) -> dict[str, dict[str, float]]:
    results: dict[str, dict[str, float]] = {}
    for name in ("pandas", "lokalagenda"):
        runs = []
        for _ in range(repeat):
            output = subprocess.run(
                [sys.executable, __file__, "--step", name, "--csv", str(csv_path), "--kommuner", ",".join(kommuner)],
                capture_output=True, text=True, check=True,
            ).stdout
            runs.append(json.loads(output))
        results[name] = min(runs, key=lambda run: run["seconds"])
    return results


def store_and_read(csv_path: Path, database_url: str | None) -> dict[str, float]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lokalagenda.web.settings.test")
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from lokalagenda.core.datadir import DataDirectory
    from lokalagenda.indicators.models import Indicator, IndicatorSet, Observation
    from lokalagenda.indicators.services import import_file
    from lokalagenda.reference.services import load_reference

    call_command("migrate", verbosity=0)
    load_reference(DataDirectory.from_environment())
    bench = IndicatorSet.objects.get_or_create(slug="benchmark", defaults={"name": "Benchmark", "kind": "local"})[0]
    for number in range(ROWS_INDICATORS):
        Indicator.objects.get_or_create(id=f"BENCH_{number:03d}")[0].sets.add(bench)
    start = time.perf_counter()
    import_file(csv_path)
    stored = time.perf_counter() - start
    timings = []
    for _ in range(20):
        start = time.perf_counter()
        rows = list(Observation.objects.for_indicator("BENCH_042").values_list("place", "year", "value"))
        timings.append(time.perf_counter() - start)
    assert len(rows) == 357 * len(YEARS)
    return {"store_seconds": stored, "read_one_indicator_ms": min(timings) * 1000, "vendor": connection.vendor}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--step")
    parser.add_argument("--csv")
    parser.add_argument("--kommuner")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--store", action="store_true", help="also store the rows and time a read (slow)")
    parser.add_argument("--database-url", help="a PostgreSQL server (URL of any database on it): store in a "
                                               "scratch database made there, instead of a fresh SQLite file")
    args = parser.parse_args()
    if args.step:
        print(json.dumps(_step(args.step, args.csv, args.kommuner.split(","))))
        return
    import pandas as pd

    data = Path(os.environ["LOKALAGENDA_DATA_DIR"])
    kommuner = list(pd.read_csv(data / "norway" / "municipalities.csv", dtype=str)["municipality_code"])
    with tempfile.TemporaryDirectory() as folder:
        csv_path = Path(folder) / "million.csv"
        rows = write_csv(csv_path, kommuner)
        print(f"{rows:,} rows, {csv_path.stat().st_size / 1e6:.0f} MB")
        results = parse_and_validate(csv_path, kommuner, args.repeat)
        for name, result in results.items():
            print(f"{name:12} {result['seconds']:.2f} s, peak {result['max_rss_mb']:.0f} MB")
        ratio = results["lokalagenda"]["seconds"] / results["pandas"]["seconds"]
        print(f"ratio lokalagenda/pandas.read_csv: {ratio:.2f}")
        if args.store:
            os.environ["LOKALAGENDA_VAR_DIR"] = folder
            scratch = scratch_database.create(args.database_url, "lokalagenda_bench") if args.database_url else None
            try:
                result = store_and_read(csv_path, scratch)
            finally:
                if scratch:
                    scratch_database.drop(args.database_url, scratch)
            print(f"store ({result['vendor']}): {result['store_seconds']:.1f} s; "
                  f"read one indicator for all kommuner and years: {result['read_one_indicator_ms']:.1f} ms")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    main()
