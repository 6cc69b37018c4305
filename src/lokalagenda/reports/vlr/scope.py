"""What a report is about: a kommune or a fylke with its organisation (a ``places.place.Place``), and the
measurement run it reads."""

from __future__ import annotations

from django.utils.translation import gettext as _

from lokalagenda.core.errors import LokalagendaError
from lokalagenda.measurement.models import MeasurementRun
from lokalagenda.measurement.querysets import finished_run, holds, latest_run_for
from lokalagenda.places.place import Place, PlaceKind, UnknownPlace, place_for

LANGUAGES = ("nb", "nn", "en")


class ReportError(LokalagendaError):
    """A report cannot be made: unknown place, unknown run, no run yet, or an unknown type, format or language."""


def report_place(code: str, kind: PlaceKind | None = None) -> Place:
    """The kommune or fylke ``code`` a report is about; ReportError, saying there is no such place, otherwise."""
    try:
        return place_for(code, kind)
    except UnknownPlace as error:
        raise ReportError(str(error)) from error


def run_for(place: Place, run_id: int | None = None) -> MeasurementRun:
    """The named finished run (it must hold the place), else the last finished run that holds the place."""
    if run_id is None:
        run = latest_run_for(place.number)
        if run is None:
            raise ReportError(_("No measurement run holds %(place)s yet: run “lokalagenda measure” first.") % {
                "place": place.name})
        return run
    run = finished_run(run_id)
    if run is None:
        raise ReportError(_("There is no finished measurement run with the id %(id)s.") % {"id": run_id})
    if not holds(run, place.number):
        raise ReportError(_("Measurement run %(id)s does not hold %(place)s.") % {"id": run_id, "place": place.name})
    return run


def check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise ReportError(_("Unknown language “%(language)s”: use nb, nn or en.") % {"language": language})
    return language
