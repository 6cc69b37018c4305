"""``lokalagenda import FILE``: import observations from a file, all or nothing, as new dataset revisions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lokalagenda.core.observations import SHOWN_PROBLEMS
from lokalagenda.core.sources.registry import UnknownFormat, formats
from lokalagenda.indicators.services import ImportFailed, ImportReport, import_file
from lokalagenda.terminal import progress_bar


class Command(BaseCommand):
    help = (
        "Import indicator values from a tidy CSV (long or wide), Excel, JSON-stat 2.0, SDMX or Open SDG file. "
        "All or nothing: any problem is reported as file:row:column: message and nothing is stored. A re-import "
        "creates a new revision per indicator that changed and reports what was added, changed and removed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--format", default="auto", help=f"auto (default) or one of: {', '.join(formats())}")
        parser.add_argument("--indicator", help="the catalogue indicator for files that do not name one")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            report = import_file(path, format=options["format"], indicator=options["indicator"],
                                 progress=progress_bar(self, options["verbosity"]))
        except UnknownFormat as error:
            raise CommandError(str(error)) from error
        except ImportFailed as error:
            self._unmapped(error.unmapped)
            raise CommandError(str(error)) from error
        self._report(report)

    def _report(self, report: ImportReport) -> None:
        self._unmapped(report.unmapped)
        for summary in report.revisions:
            if summary.revision is None:
                self.stdout.write(f"{summary.indicator}: no changes")
            else:
                self.stdout.write(f"{summary.indicator}: revision {summary.revision} ({summary.added} added, "
                                  f"{summary.changed} changed, {summary.removed} removed)")
        if report.changed:
            self.stdout.write(self.style.SUCCESS(f"Imported {report.rows:,} rows from {report.source}."))
        else:
            self.stdout.write(self.style.SUCCESS(f"{report.source}: no changes ({report.rows:,} rows as stored)."))

    def _unmapped(self, unmapped: list[Any]) -> None:
        if not unmapped:
            return
        self.stdout.write(self.style.WARNING(f"{len(unmapped)} row(s) not mapped to 2024 kommuner (not imported):"))
        for item in unmapped[:SHOWN_PROBLEMS]:
            self.stdout.write(f"  row {item.source_row}: {item.place} {item.year}: {item.reason}")
        if len(unmapped) > SHOWN_PROBLEMS:
            self.stdout.write(f"  … and {len(unmapped) - SHOWN_PROBLEMS} more")
