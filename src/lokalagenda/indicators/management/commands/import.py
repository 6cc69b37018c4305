"""``lokalagenda import FILE``: import observations from a file, all or nothing, as new dataset revisions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lokalagenda.core.observations import SHOWN_PROBLEMS
from lokalagenda.core.sources.layouts import LayoutError
from lokalagenda.core.sources.registry import UnknownFormat, formats
from lokalagenda.indicators.services import ImportFailed, ImportReport, file_layouts, import_file
from lokalagenda.terminal import progress_bar


class Command(BaseCommand):
    help = (
        "Import indicator values from a tidy CSV (long or wide), Excel, JSON-stat 2.0, SDMX or Open SDG file. "
        "All or nothing: any problem is reported as file:row:column: message and nothing is stored. A re-import "
        "creates a new revision per indicator that changed and reports what was added, changed and removed. "
        "A publisher's own download without an API is read with --layout NAME (--list-layouts lists them)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, nargs="?")
        parser.add_argument("--format", default="auto", help=f"auto (default) or one of: {', '.join(formats())}")
        parser.add_argument("--indicator", help="the catalogue indicator for files that do not name one")
        parser.add_argument("--layout", help="read a publisher's own file (Excel or CSV) by this file layout; it "
                                             "decides the sheet, the columns and the indicator")
        parser.add_argument("--list-layouts", action="store_true", help="list the file layouts and stop")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list_layouts"]:
            self._list_layouts()
            return
        path: Path | None = options["file"]
        if path is None:
            raise CommandError("name the file to import (or give --list-layouts)")
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        if options["layout"] and options["format"] != "auto":
            raise CommandError("--layout decides how the file is read: leave out --format")
        try:
            report = import_file(path, format=options["format"], indicator=options["indicator"],
                                 layout=options["layout"], progress=progress_bar(self, options["verbosity"]))
        except (UnknownFormat, LayoutError) as error:
            raise CommandError(str(error)) from error
        except ImportFailed as error:
            self._unmapped(error.unmapped)
            raise CommandError(str(error)) from error
        self._report(report)

    def _list_layouts(self) -> None:
        try:
            layouts = file_layouts()
        except LayoutError as error:
            raise CommandError(str(error)) from error
        for layout in layouts.values():
            self.stdout.write(f"{layout.name}: {layout.title}")
            self.stdout.write(f"  publisher: {layout.publisher}; indicator: {layout.indicator} ({layout.unit})")
            self.stdout.write(f"  download: {layout.download}")

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
