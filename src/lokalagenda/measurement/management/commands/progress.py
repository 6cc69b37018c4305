"""``lokalagenda progress --data indicator.csv --config indicator.yml``: Open SDG's progress status of one
indicator, computed from its Open SDG data CSV and indicator config, as JSON (or the series as CSV)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lokalagenda.core.cells import guard
from lokalagenda.core.errors import LokalagendaError
from lokalagenda.core.measure.opensdg import SERIES_FIELDS, indicator_report


class Command(BaseCommand):
    help = (
        "Compute an indicator's progress status as an Open SDG platform does (sdg-build's progress "
        "calculation): read the indicator's Open SDG data CSV and its indicator config (auto_progress_calculation, "
        "progress_calculation_options) and print the indicator's score, status and whether its target is "
        "achieved, and each configured series' base and current values, progress value, score and status, as "
        "JSON (or the series as CSV with --format csv)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--data", required=True, type=Path, help="the indicator's Open SDG data CSV")
        parser.add_argument("--config", required=True, type=Path,
                            help="the indicator's Open SDG config: indicator-config YAML or a metadata .md file")
        parser.add_argument("--format", choices=("json", "csv"), default="json",
                            help="json (default): the indicator and its series; csv: one row per series")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = indicator_report(options["data"], options["config"])
        except LokalagendaError as error:
            raise CommandError(str(error)) from error
        if options["verbosity"] >= 1:
            for warning in report.warnings:
                self.stderr.write(f"warning: {warning}")
        if options["format"] == "csv":
            self.stdout.write(_csv(report.result["series"]), ending="")
        else:
            self.stdout.write(json.dumps(report.result, indent=2, ensure_ascii=False, allow_nan=False))


def _csv(rows: list[dict[str, Any]]) -> str:
    """The series rows as CSV; the disaggregation as ``field=value`` pairs joined by ``;``; text that starts like
    a spreadsheet formula (a series named ``=1+1`` in the data file) gets a leading apostrophe."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=SERIES_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        pairs = ";".join(f"{name}={value}" for name, value in row["disaggregation"].items())
        writer.writerow({key: guard(value) for key, value in {**row, "disaggregation": pairs}.items()})
    return buffer.getvalue()
