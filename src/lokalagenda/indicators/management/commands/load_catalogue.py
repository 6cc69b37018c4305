"""``lokalagenda load-catalogue FILE [--set SLUG]``: add or update catalogue entries from a CSV file, all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lokalagenda.core.sources.catalogue import BUNDLE_SET
from lokalagenda.core.sources.catalogue_file import CORE_COLUMNS, LAYOUT
from lokalagenda.indicators.catalogue_loading import CatalogueLoadFailed, CatalogueLoadReport, load_catalogue_file


class Command(BaseCommand):
    help = (
        f"Add or update catalogue indicators from a CSV file in the bundle's catalogue layout ({', '.join(LAYOUT)}) "
        f"with the core set's optional columns ({', '.join(CORE_COLUMNS)}). All or nothing: every problem is "
        "reported as file:row:column: message and nothing is stored. Idempotent: a second run changes nothing and "
        "says so. A field an editor changed since the last load is kept and reported."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--set", default=BUNDLE_SET[0], dest="set_slug", metavar="SLUG",
                            help=f"the indicator set the entries join (default: {BUNDLE_SET[0]}); made when missing")
        parser.add_argument("--set-name", default="", metavar="NAME", help="the name of a set the command makes")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            report = load_catalogue_file(path, set_slug=options["set_slug"], set_name=options["set_name"])
        except CatalogueLoadFailed as error:
            raise CommandError(str(error)) from error
        self._report(report, options["verbosity"])

    def _report(self, report: CatalogueLoadReport, verbosity: int) -> None:
        if report.set_created:
            self.stdout.write(f"Created the indicator set {report.set_slug!r}.")
        self.stdout.write(report.summary())
        if verbosity >= 2:
            for identifier in report.created:
                self.stdout.write(f"  {identifier}: new")
            for identifier, fields in report.updated.items():
                self.stdout.write(f"  {identifier}: {', '.join(fields)} changed")
        for kept in report.kept:
            self.stdout.write(self.style.WARNING(f"  {kept}"))
        if report.changed:
            self.stdout.write(self.style.SUCCESS("Catalogue loaded."))
        else:
            self.stdout.write(self.style.SUCCESS("Catalogue already up to date: nothing changed."))
