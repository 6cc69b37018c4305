"""``lokalagenda load-kostra-groups (--file FILE | --fetch) [--date YYYY-MM-DD] [--replace]``: KOSTRA groups of
kommuner from SSB Klass, all or nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lokalagenda.core.errors import SourceDataError
from lokalagenda.core.sources.klass import (
    KlassFetchError,
    KostraCorrespondence,
    fetch_correspondence,
    read_correspondence,
)
from lokalagenda.places.kostra import KostraLoadReport, load_kostra_groups


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"--date {text!r} is not a date (YYYY-MM-DD)") from error


class Command(BaseCommand):
    help = (
        "Load which KOSTRA group (SSB Klass classification 112) each kommune belongs to, from a saved Klass "
        "correspondence (correspondsAt answer with correspondenceItems, or a correspondence table with "
        "correspondenceMaps) or fetched live from data.ssb.no. All or nothing: every problem is reported as "
        "file, item index and field, and nothing is stored. A different group for a kommune and version already "
        "stored is an error unless --replace is given; every change is reported."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--file", type=Path, help="a saved Klass correspondence (JSON)")
        source.add_argument("--fetch", action="store_true",
                            help="fetch the correspondence in force on --date from the Klass API (needs internet)")
        parser.add_argument("--date", help="YYYY-MM-DD: the day to fetch the grouping for (default: 1 January "
                                           "this year), or from when a correspondence table's maps apply")
        parser.add_argument("--replace", action="store_true",
                            help="change stored memberships that the correspondence contradicts (reported)")

    def handle(self, *args: Any, **options: Any) -> None:
        at = _date(options["date"]) if options["date"] else None
        correspondence, source, name = self._read(options["file"], options["fetch"], at)
        try:
            report = load_kostra_groups(correspondence, file=Path(name), source=source, replace=options["replace"])
        except SourceDataError as error:
            raise CommandError(str(error)) from error
        self._report(name, report)

    def _read(self, path: Path | None, fetch: bool, at: date | None) -> tuple[KostraCorrespondence, str, str]:
        try:
            if fetch:
                correspondence, url = fetch_correspondence(at or date(date.today().year, 1, 1))
                return correspondence, url, url
            assert path is not None
            if not path.is_file():
                raise CommandError(f"{path}: no such file")
            return read_correspondence(path, valid_from=at), str(path), path.name
        except (KlassFetchError, SourceDataError) as error:
            raise CommandError(str(error)) from error

    def _report(self, name: str, report: KostraLoadReport) -> None:
        if report.groups_added:
            self.stdout.write(f"New KOSTRA groups: {', '.join(report.groups_added)}.")
        for code, before, after in report.groups_renamed:
            self.stdout.write(f"Renamed {code}: {before!r} → {after!r}.")
        for change in report.changed:
            self.stdout.write(f"Changed {change}.")
        self.stdout.write(self.style.SUCCESS(
            f"{name}: {report.added} membership(s) added, {len(report.changed)} changed, {report.unchanged} "
            "already stored."))
