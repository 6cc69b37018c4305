"""``lokalagenda sync ssb|fhi|all``: fetch catalogue indicators live and store them as dataset revisions;
``sync list`` and ``sync check``: show the fetch specs with their evidence, and check their codes with the
publishers."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
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
from lokalagenda.connectors.verification import CheckReport, ListedSpec, SpecCheck, check_specs, listed_specs
from lokalagenda.terminal import progress_bar

RESUME = "run the same command again to resume"


class Command(BaseCommand):
    help = (
        "Fetch indicator values live from SSB's statbank (PxWebApi v2) or FHI Statistikk for every 2024 kommune, "
        "and store them as dataset revisions with their provenance. 'sync ssb' and 'sync fhi' create or update an "
        "indicator's fetch spec and fetch it; 'sync all' fetches every spec. Queries are split under the "
        "publisher's limits and sent at most 30 a minute; pieces already fetched are skipped, so a sync stopped "
        "with Ctrl+C resumes where it stopped. 'sync list' lists every fetch spec with its SDG targets, its "
        "evidence and whether it is verified; 'sync check' asks each publisher for its tables' metadata and reports "
        "every code of a spec that the publisher does not know."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        targets = parser.add_subparsers(dest="target", required=True, metavar="{ssb,fhi,all,list,check}")
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
        listing = targets.add_parser("list", help="list every fetch spec with its targets, evidence and verification")
        listing.add_argument("--format", choices=["text", "json"], default="text",
                             help="text: a table, unverified specs marked and listed at the end (default); json: a "
                                  "JSON array with one spec object per line")
        check = targets.add_parser("check", help="check every spec's codes against its publisher's table metadata")
        check.add_argument("--indicator", action="append", default=[], metavar="ID",
                           help="check only this indicator's spec (repeatable)")
        for target in (listing, check):
            target.add_argument("-v", "--verbosity", type=int, choices=[0, 1, 2, 3], default=argparse.SUPPRESS,
                                help="0 quiet, 1 progress bar on a terminal (default), 2 every step")

    def handle(self, *args: Any, **options: Any) -> None:
        actions: dict[str, Callable[[dict[str, Any]], None]] = {"list": self._list, "check": self._check}
        actions.get(options["target"], self._sync)(options)

    def _sync(self, options: dict[str, Any]) -> None:
        verbosity = options["verbosity"]
        try:
            self._seed(verbosity)
            specs = TARGETS[options["target"]](options)
            self._warn_unverified(specs, verbosity)
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
            self.stdout.write(f"Added fetch spec(s) from the spec files: {', '.join(seeded.created)}")
        if seeded.missing and verbosity >= 2:
            self.stdout.write(f"Not in the catalogue, so no fetch spec: {', '.join(seeded.missing)}")

    def _warn_unverified(self, specs: list[FetchSpec], verbosity: int) -> None:
        """Every spec about to be fetched without evidence for its codes is named on stderr, with why."""
        for spec in specs:
            reasons = spec.unverified_reasons()
            if reasons and verbosity >= 1:
                self.stderr.write(self.style.WARNING(
                    f"Warning: the fetch spec of {spec.indicator_id} ({spec.publisher} {spec.table}) is unverified: "
                    f"{'; '.join(reasons)}. 'lokalagenda sync list' lists the unverified specs."))

    def _list(self, options: dict[str, Any]) -> None:
        try:
            sync_specs()
            listed = listed_specs()
        except SpecError as error:
            raise CommandError(str(error)) from error
        if options["format"] == "json":
            self.stdout.write(_as_json(listed))
        else:
            self.stdout.write(_as_text(listed))

    def _check(self, options: dict[str, Any]) -> None:
        verbosity = options["verbosity"]
        try:
            self._seed(verbosity)
            entries = [item.entry for item in listed_specs()]
            wanted = set(options["indicator"])
            unknown = sorted(wanted - {entry.indicator for entry in entries})
            if unknown:
                raise CommandError(f"no fetch spec for {', '.join(unknown)}: 'lokalagenda sync list' lists them")
            report = check_specs([entry for entry in entries if not wanted or entry.indicator in wanted],
                                 progress=progress_bar(self, verbosity))
        except SpecError as error:
            raise CommandError(str(error)) from error
        except PublisherUnavailable as error:
            raise CommandError(_unreachable(error)) from error
        self._report_check(report)

    def _report_check(self, report: CheckReport) -> None:
        for check in report.checks:
            self.stdout.write(_describe_check(check))
        if not report.checks:
            self.stdout.write("No fetch specs to check.")
        elif report.failed:
            raise CommandError(f"{len(report.failed)} of {len(report.checks)} fetch spec(s) ask for codes their "
                               "publisher does not know (see above); fix them before the next sync.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Every checked code is known to its publisher ({report.fetched} "
                                                 "table(s) read)."))

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


def _as_json(listed: list[ListedSpec]) -> str:
    """A JSON array with one spec object per line: valid JSON, and still one line per spec for grep."""
    if not listed:
        return "[]"
    return "[\n" + ",\n".join(json.dumps(item.as_dict(), ensure_ascii=False) for item in listed) + "\n]"


def _as_text(listed: list[ListedSpec]) -> str:
    """A table of the specs, unverified ones marked, then the unverified ones with why, and the ones waiting for
    their indicator to enter the catalogue."""
    header = ("indicator", "publisher", "table", "goals", "targets", "evidence", "verified")
    rows = [header] + [(item.entry.indicator, item.entry.publisher, item.entry.table,
                        " ".join(str(goal) for goal in item.entry.goals),
                        " ".join(str(target) for target in item.entry.targets), str(len(item.entry.evidence)),
                        "yes" if not item.reasons else "NO") for item in listed]
    widths = [max(len(row[column]) for row in rows) for column in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    unverified = [item for item in listed if item.reasons]
    lines.append(f"{len(listed)} fetch spec(s), {len(listed) - len(unverified)} verified.")
    if unverified:
        lines.append(f"Unverified ({len(unverified)}):")
        lines += [f"  {item.entry.indicator} ({item.entry.publisher} {item.entry.table}): "
                  f"{'; '.join(item.reasons)}" for item in unverified]
    waiting = [item.entry.indicator for item in listed if not item.in_catalogue]
    if waiting:
        lines.append(f"Not in the catalogue, so sync skips them: {', '.join(waiting)}")
    return "\n".join(lines)


def _describe_check(check: SpecCheck) -> str:
    head = f"{check.indicator} ({check.publisher} {check.table})"
    if check.error:
        lines = [f"{head}: {check.error}"]
    elif check.findings:
        lines = [f"{head}: {len(check.findings)} problem(s)"] + [f"  - {finding.message}" for finding in check.findings]
    else:
        lines = [f"{head}: ok"]
    return "\n".join(lines + [f"  not checked: {note}" for note in check.notes])


def _unreachable(error: PublisherUnavailable) -> str:
    if error.status is None:
        return f"Cannot check the specs: {error.host} cannot be reached, so this machine may be offline ({error})."
    return f"Cannot check the specs: {error.host} kept answering HTTP {error.status}; try again later ({error})."


def _unavailable(error: PublisherUnavailable) -> str:
    if error.status is None:
        return (f"cannot reach {error.host}: {error} (this machine may be offline; the recorded fixtures are used "
                f"in tests). Every piece fetched before is stored; {RESUME}.")
    return (f"{error.host} kept answering HTTP {error.status}: {error}. Every piece fetched before is stored; "
            f"try again later and {RESUME}.")
