"""``lokalagenda rollup``: the national roll-up of every kommune's dashboard and published plans, as a file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lokalagenda.reports.rollup.build import NoCompleteRun, build_rollup
from lokalagenda.reports.rollup.exports import FORMATS, RollupExportError, export_rollup
from lokalagenda.terminal import progress_bar


class Command(BaseCommand):
    help = ("Write the national roll-up for the action plan: per goal the kommuner by dashboard status (also by "
            "size class, fylke, network and KOSTRA group), the coverage of the 169 targets by published plans, "
            "the locally relevant targets least addressed, from the last complete measurement run, and the "
            "published materiality assessments (most and least material targets, also by size class and fylke) "
            "with the political decisions adopting SDG priorities (per year, and each one's latest). xlsx: one "
            "sheet per table and a README sheet; csv: a zip of one CSV per table (or one table with --table); "
            "json: one document.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", required=True, choices=list(FORMATS), dest="format_name",
                            help="file format")
        parser.add_argument("--out", required=True, type=Path, metavar="FILE", help="where to write the file")
        parser.add_argument("--table", metavar="NAME",
                            help="only this table (e.g. goals, targets, least_addressed, kommune_goals, "
                                 "materiality_groups, materiality_targets, adoptions, adoptions_by_year)")
        parser.add_argument("--language", choices=["nb", "nn", "en"], default="nb",
                            help="language of goal names, target texts and descriptions (default nb)")

    def handle(self, *args: Any, **options: Any) -> None:
        out: Path = options["out"]
        if not out.parent.is_dir():
            raise CommandError(f"{out}: the folder {out.parent} does not exist.")
        try:
            rollup = build_rollup(language=options["language"],
                                  progress=progress_bar(self, options["verbosity"]))
            exported = export_rollup(rollup, options["format_name"], table=options["table"])
        except (NoCompleteRun, RollupExportError) as error:
            raise CommandError(str(error)) from error
        out.write_bytes(exported.content)
        if options["verbosity"] >= 1:
            self.stdout.write(self.style.SUCCESS(
                f"Wrote the roll-up of run {rollup.metadata.run_id} ({rollup.metadata.kommuner} kommuner, "
                f"{rollup.metadata.published_plans} published plans) to {out}."))
