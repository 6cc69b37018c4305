"""``lokalagenda sync ssb|fhi|all``: fetch catalogue indicators live and store them as dataset revisions."""

from __future__ import annotations

import argparse
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lokalagenda.connectors.models import FetchSpec
from lokalagenda.connectors.services import (
    PublisherUnavailable,
    SpecError,
    SpecResult,
    SyncReport,
    define_spec,
    specs_named,
    sync,
    sync_specs,
)
from lokalagenda.terminal import progress_bar

RESUME = "run the same command again to resume"


class Command(BaseCommand):
    help = (
        "Fetch indicator values live from SSB's statbank (PxWebApi v2) or FHI Statistikk for every 2024 kommune, "
        "and store them as dataset revisions with their provenance. 'sync ssb' and 'sync fhi' create or update an "
        "indicator's fetch spec and fetch it; 'sync all' fetches every spec. Queries are split under the "
        "publisher's limits and sent at most 30 a minute; pieces already fetched are skipped, so a sync stopped "
        "with Ctrl+C resumes where it stopped."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        targets = parser.add_subparsers(dest="target", required=True, metavar="{ssb,fhi,all}")
        ssb = targets.add_parser("ssb", help="define (or update) and fetch an SSB statbank spec")
        ssb.add_argument("--table", required=True, help="SSB table id, e.g. 07459")
        ssb.add_argument("--indicator", required=True, help="catalogue indicator id, e.g. POP_TOTAL")
        ssb.add_argument("--contents", help="the ContentsCode, e.g. Personer1 (needed for a new spec)")
        ssb.add_argument("--region", help="the region dimension (default Region; KOKkommuneregion0000 for KOSTRA)")
        ssb.add_argument("--codelist", help="a region codelist, e.g. agg_KommSummer")
        fhi = targets.add_parser("fhi", help="define (or update) and fetch an FHI Statistikk spec")
        fhi.add_argument("--source", required=True, help="FHI source id, e.g. nokkel")
        fhi.add_argument("--table", required=True, help="FHI table id")
        fhi.add_argument("--indicator", required=True, help="catalogue indicator id")
        fhi.add_argument("--measure", required=True, help="the MEASURE_TYPE code, e.g. RATE")
        for defining in (ssb, fhi):
            defining.add_argument("--select", action="append", default=[], metavar="DIM=CODE[,CODE…]",
                                  help="fixed codes of a further dimension (repeatable), e.g. KJONN=0")
            defining.add_argument("--first-year", type=int, help="first year to fetch (default 2000 for a new spec)")
            defining.add_argument("--last-year", type=int, help="last year to fetch (default: the current year)")
        every = targets.add_parser("all", help="fetch every fetch spec")
        for target in (ssb, fhi, every):
            _common_options(target)

    def handle(self, *args: Any, **options: Any) -> None:
        verbosity = options["verbosity"]
        try:
            self._seed(verbosity)
            specs = TARGETS[options["target"]](options)
            report = sync(specs, progress=progress_bar(self, verbosity), max_cells=options["max_cells"],
                          max_age=_days(options["max_age"]))
        except SpecError as error:
            raise CommandError(str(error)) from error
        except PublisherUnavailable as error:
            for result in error.report.specs if error.report else []:
                if result.fetched:
                    self.stdout.write(_describe(result))
            raise CommandError(_unavailable(error)) from error
        except KeyboardInterrupt as error:
            raise CommandError(f"Stopped. Every piece fetched so far is stored; {RESUME}.", returncode=130) from error
        self._report(report)
        if report.failed:
            raise CommandError(f"{len(report.failed)} of {len(report.specs)} fetch spec(s) failed (see above); "
                               f"fix them and {RESUME}.")

    def _seed(self, verbosity: int) -> None:
        seeded = sync_specs()
        if seeded.created and verbosity >= 1:
            self.stdout.write(f"Added fetch spec(s) from specs.json: {', '.join(seeded.created)}")
        if seeded.missing and verbosity >= 2:
            self.stdout.write(f"Not in the catalogue, so no fetch spec: {', '.join(seeded.missing)}")

    def _report(self, report: SyncReport) -> None:
        for result in report.specs:
            self.stdout.write(_describe(result))
        if not report.specs:
            self.stdout.write("No fetch specs: add one with 'lokalagenda sync ssb' or 'lokalagenda sync fhi'.")
        elif report.fetched:
            rows = sum(result.rows for result in report.specs)
            self.stdout.write(self.style.SUCCESS(f"Fetched {report.fetched} piece(s), {rows:,} rows."))
        elif not report.failed:
            self.stdout.write(self.style.SUCCESS("Nothing to fetch: every piece is done (--max-age DAYS fetches "
                                                 "pieces older than that again)."))


def _common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--max-age", type=float, metavar="DAYS",
                        help="fetch again the pieces fetched more than DAYS days ago (default: never)")
    parser.add_argument("--max-cells", type=int, help="split queries into pieces of at most this many cells/rows "
                                                      "(default: the publisher's limit)")
    # -v after the target (`sync all -v 2`) as well as before it; SUPPRESS keeps a value given before it.
    parser.add_argument("-v", "--verbosity", type=int, choices=[0, 1, 2, 3], default=argparse.SUPPRESS,
                        help="0 quiet, 1 progress bar on a terminal (default), 2 every step")


def _ssb_specs(options: dict[str, Any]) -> list[FetchSpec]:
    return [define_spec(options["indicator"], publisher=FetchSpec.Publisher.SSB, table=options["table"],
                        contents=options["contents"], region_dimension=options["region"],
                        codelist=options["codelist"], selections=_selections(options["select"]),
                        first_year=options["first_year"], last_year=options["last_year"])]


def _fhi_specs(options: dict[str, Any]) -> list[FetchSpec]:
    return [define_spec(options["indicator"], publisher=FetchSpec.Publisher.FHI, source=options["source"],
                        table=options["table"], contents=options["measure"],
                        selections=_selections(options["select"]), first_year=options["first_year"],
                        last_year=options["last_year"])]


def _all_specs(options: dict[str, Any]) -> list[FetchSpec]:
    return specs_named()


TARGETS = {"ssb": _ssb_specs, "fhi": _fhi_specs, "all": _all_specs}


def _selections(items: list[str]) -> dict[str, list[str]] | None:
    """``["KJONN=0", "ALDER=0_120"]`` → ``{"KJONN": ["0"], "ALDER": ["0_120"]}``; ``None`` when none given."""
    selections: dict[str, list[str]] = {}
    for item in items:
        dimension, _, codes = item.partition("=")
        values = [code.strip() for code in codes.split(",") if code.strip()]
        if not dimension.strip() or not values:
            raise CommandError(f"--select {item!r}: write it as DIMENSION=CODE[,CODE…], e.g. KJONN=0")
        selections[dimension.strip()] = values
    return selections or None


def _days(days: float | None) -> timedelta | None:
    return None if days is None else timedelta(days=days)


def _describe(result: SpecResult) -> str:
    head = f"{result.indicator} ({result.publisher} {result.table})"
    parts = [f"{result.pieces} piece(s): {result.fetched} fetched, {result.skipped} already done"]
    if result.rows:
        parts.append(f"{result.rows:,} rows")
    if result.revisions:
        parts.append(f"revision {', '.join(str(number) for number in result.revisions)}")
    elif result.fetched:
        parts.append("no changes")
    if result.unmapped:
        parts.append(f"{result.unmapped} row(s) not mapped to 2024 kommuner")
    text = f"{head}: {'; '.join(parts)}"
    return f"{text}\n  failed: {result.error}" if result.error else text


def _unavailable(error: PublisherUnavailable) -> str:
    if error.status is None:
        return (f"cannot reach {error.host}: {error} (this machine may be offline; the recorded fixtures are used "
                f"in tests). Every piece fetched before is stored; {RESUME}.")
    return (f"{error.host} kept answering HTTP {error.status}: {error}. Every piece fetched before is stored; "
            f"try again later and {RESUME}.")
