"""Benchmark: report generation on the demo database (SQLite with the real bundle, measured).

1. One Voluntary Local Review of Bergen (4601) as a tagged PDF, best of ``--repeat``, against two baselines in
   the same process: the same review as HTML without charts (the content and template only), and as HTML with its
   static SVG charts (vl-convert). The target is ≤ 5 s for the PDF.
2. Council briefs as PDF for every kommune (``--sample N`` for the first N kommuner by number, extrapolated to
   all 357 and said so), written into a temporary folder through the same service the CLI uses, against the
   HTML-without-charts baseline on the same kommuner. The target is ≤ 10 minutes for all 357.

Make the database first (``LOKALAGENDA_VAR_DIR=/tmp/h3var``, then ``lokalagenda migrate``, ``load-reference``,
``import $LOKALAGENDA_DATA_DIR/indicators/values.csv``, ``measure``) and run
``LOKALAGENDA_VAR_DIR=/tmp/h3var .venv/bin/python benchmarks/reports.py``. Nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def best_of(function: Callable[[], Any], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def timed(function: Callable[[], Any]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def bergen_vlr(repeat: int) -> None:
    from lokalagenda.reports.vlr.rendering import render
    from lokalagenda.reports.vlr.scope import place_for

    place = place_for("4601")
    render("vlr", "pdf", place, "nb")  # warm up: fonts, vl-convert's engine, Django's templates
    html_bare = best_of(lambda: render("vlr", "html", place, "nb", draw=False), repeat)
    html = best_of(lambda: render("vlr", "html", place, "nb"), repeat)
    pdf = best_of(lambda: render("vlr", "pdf", place, "nb"), repeat)
    print(f"VLR Bergen, best of {repeat}:")
    print(f"  HTML without charts (baseline): {html_bare:.2f} s")
    print(f"  HTML with static SVG charts:    {html:.2f} s  ({html / html_bare:.1f}× baseline)")
    print(f"  tagged PDF (PDF/UA-1):          {pdf:.2f} s  ({pdf / html_bare:.1f}× baseline; target ≤ 5 s)")


def all_briefs(sample: int) -> None:
    from lokalagenda.places.models import Kommune
    from lokalagenda.reports.vlr.batch import ReportRequest, write_all_kommuner

    numbers = list(Kommune.objects.order_by("number").values_list("number", flat=True))
    total = len(numbers)
    chosen = numbers[:sample] if 0 < sample < total else numbers
    with tempfile.TemporaryDirectory() as folder:
        bare = timed(lambda: write_all_kommuner(ReportRequest("brief", "html", "nb", draw=False),
                                                Path(folder) / "html", numbers=chosen))
        pdf = timed(lambda: write_all_kommuner(ReportRequest("brief", "pdf", "nb"), Path(folder) / "pdf",
                                               numbers=chosen))
        size = sum(path.stat().st_size for path in (Path(folder) / "pdf").iterdir())
    scale = total / len(chosen)
    how = "all kommuner" if len(chosen) == total else f"the first {len(chosen)} kommuner, extrapolated to {total}"
    print(f"Council briefs as PDF for {how}:")
    print(f"  HTML without charts (baseline): {bare:.1f} s measured, {bare * scale:.0f} s for {total}")
    print(f"  PDF with charts:                {pdf:.1f} s measured, {pdf * scale:.0f} s for {total} "
          f"({pdf / bare:.1f}× baseline; {pdf / len(chosen):.2f} s per brief, {size / len(chosen) / 1024:.0f} KiB "
          f"each; target ≤ 600 s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of the Bergen VLR; the best counts (default 3)")
    parser.add_argument("--sample", type=int, default=0,
                        help="briefs for the first N kommuner only, extrapolated (default 0: all)")
    parser.add_argument("--skip-briefs", action="store_true", help="only the Bergen VLR")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lokalagenda.web.settings.dev")
    import django

    django.setup()
    bergen_vlr(args.repeat)
    if not args.skip_briefs:
        all_briefs(args.sample)


if __name__ == "__main__":
    main()
