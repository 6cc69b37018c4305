"""``lokalagenda measure``: compute every measurement method for all kommuner and store the results."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lokalagenda.core.measure.results import MeasurementError
from lokalagenda.measurement.models import MeasurementRun
from lokalagenda.measurement.services import StatusRules, measure
from lokalagenda.terminal import progress_bar


class Command(BaseCommand):
    help = ("Compute progress status (Open SDG), normalised scores, dashboards, trends and goal scores (SDSN), "
            "distance to 2030 (OECD) and peer percentiles for all kommuner, fylker and the country from the "
            "stored observations, and store them as a measurement run. Only values of the last ten years give a "
            "current status, and a place gets an SDG index only with scores on at least 14 of the 17 goals. Reuses "
            "the last run when no data, method, parameter or scope changed.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--indicator", action="append", help="only these catalogue indicators (repeatable)")
        parser.add_argument("--kommune", action="append", metavar="NR",
                            help="store only these kommuner's results (repeatable); every kommune is still the "
                                 "reference for bounds, colours and percentiles")
        parser.add_argument("--force", action="store_true", help="compute again even when nothing changed")
        parser.add_argument("--year", type=int, help="the run's year (default: this year): values older than the "
                                                     "ten years before it give no current status")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = measure(indicators=options["indicator"], kommuner=options["kommune"], force=options["force"],
                             rules=StatusRules.of_year(options["year"]),
                             progress_callback=progress_bar(self, options["verbosity"]))
        except MeasurementError as error:
            raise CommandError(str(error)) from error
        run = report.run
        if report.reused:
            self.stdout.write(self.style.SUCCESS(f"Nothing changed since run {run.id}: its results stand."))
            return
        areas = "".join([f", {run.counts['fylker']} fylker" if run.counts.get("fylker") else "",
                         " and the country" if run.counts.get("country") else ""])
        self.stdout.write(self.style.SUCCESS(
            f"Run {run.id}: {run.counts.get('indicators', 0)} indicators for {run.counts.get('places', 0)} "
            f"kommuner{areas}, "
            f"{run.indicator_results.count():,} indicator results, {run.goal_results.count():,} goal results."))
        groups = run.methods.get("peer_percentiles", {}).get("parameters", {})
        if run.counts.get("peer_percentiles"):
            self.stdout.write(f"{run.counts['peer_percentiles']:,} percentiles among {len(groups.get('networks', []))} "
                              f"network(s) and {len(groups.get('kostra_groups', []))} KOSTRA group(s), as their "
                              f"members were in {groups.get('groups_year')}.")
        similar = run.methods.get("similar_kommuner", {})
        if similar.get("parameters", {}).get("kommuner"):
            self.stdout.write(f"{similar['parameters']['kommuner']} kommuner ranked also among themselves and their "
                              f"{similar['parameters']['top']} most similar kommuner ({similar['version']}).")
        self.stdout.write(_index_summary(run))
        if not run.complete:
            self.stdout.write("This run is narrowed (" + ", ".join(f"{key}: {' '.join(values)}" for key, values in
                              run.scope.items()) + "): national pages keep reading the last complete run.")


def _index_summary(run: MeasurementRun) -> str:
    """How many kommuner got an index under the run's rule, and from which year values gave a status."""
    rule = run.methods.get("sdsn_index", {}).get("parameters", {})
    oldest = run.methods.get("current_status", {}).get("parameters", {}).get("oldest_year")
    kommuner = run.place_results.filter(place__regex=r"^[0-9]{4}$")
    return (f"SDG index for {kommuner.filter(index__isnull=False).count()} of {kommuner.count()} kommuner (it needs "
            f"scores on at least {rule.get('min_goals')} of the 17 goals); values from before {oldest} give no "
            f"status.")
