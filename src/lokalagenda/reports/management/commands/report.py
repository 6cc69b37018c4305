"""``lokalagenda report``: a Voluntary Local Review or a council brief as PDF or HTML, for one kommune or fylke or
for every kommune."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lokalagenda.places.place import PlaceKind
from lokalagenda.reports.vlr.batch import ReportRequest, write_all_kommuner, write_report
from lokalagenda.reports.vlr.rendering import FORMATS, KINDS
from lokalagenda.reports.vlr.scope import LANGUAGES, ReportError
from lokalagenda.terminal import progress_bar


class Command(BaseCommand):
    help = ("Write a Voluntary Local Review (--type vlr) or a council brief (--type brief) of a kommune or fylke as "
            "a tagged PDF or accessible HTML, from the stored results of a measurement run. With --kommune all, "
            "--out is a folder and one file per kommune is written, with a progress bar.")

    def add_arguments(self, parser: CommandParser) -> None:
        place = parser.add_mutually_exclusive_group(required=True)
        place.add_argument("--kommune", metavar="NR", help="kommunenummer, or 'all' for every kommune")
        place.add_argument("--fylke", metavar="NR", help="fylkesnummer")
        parser.add_argument("--type", choices=list(KINDS), required=True, help="vlr or brief")
        parser.add_argument("--format", choices=list(FORMATS), default="pdf", help="pdf (default) or html")
        parser.add_argument("--out", required=True, type=Path, help="the file to write (a folder with 'all')")
        parser.add_argument("--language", choices=LANGUAGES, default="nb", help="nb (default), nn or en")
        parser.add_argument("--run", type=int, metavar="RUN_ID",
                            help="the measurement run to read (default: the last one that holds the place)")

    def handle(self, *args: Any, **options: Any) -> None:
        request = ReportRequest(options["type"], options["format"], options["language"], options["run"])
        out = Path(options["out"])  # call_command passes the string as given
        try:
            if options["kommune"] == "all":
                written = write_all_kommuner(request, out, progress_bar(self, options["verbosity"]))
                self.stdout.write(self.style.SUCCESS(f"Wrote {len(written)} reports into {out}."))
                return
            kind = PlaceKind.KOMMUNE if options["kommune"] else PlaceKind.FYLKE
            path = write_report(options["kommune"] or options["fylke"], request, out, kind)
        except ReportError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Wrote {path} ({path.stat().st_size:,} bytes)."))
