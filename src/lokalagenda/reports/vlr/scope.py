"""What a report is about: a kommune or a fylke, its organisation, and the measurement run it reads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from lokalagenda.accounts.models import Organisation
from lokalagenda.core.errors import LokalagendaError
from lokalagenda.measurement.models import MeasurementRun
from lokalagenda.measurement.querysets import latest_run_for
from lokalagenda.places.models import Fylke, Kommune

LANGUAGES = ("nb", "nn", "en")


class ReportError(LokalagendaError):
    """A report cannot be made: unknown place, unknown run, no run yet, or an unknown type, format or language."""


@dataclass(frozen=True)
class ReportPlace:
    """A kommune (four-digit code) or a fylke (two digits) as a report names it."""

    code: str
    name: str
    kind: str  # "kommune" or "fylke"
    fylke_code: str
    fylke_name: str
    organisation: Organisation | None
    boundary: Any = None

    @property
    def is_kommune(self) -> bool:
        return self.kind == "kommune"

    @property
    def path(self) -> str:
        """The URL segment of the place's pages: ``kommune/4601`` or ``fylke/46``."""
        return f"{self.kind}/{self.code}"


def kommune_place(number: str) -> ReportPlace:
    kommune = Kommune.objects.select_related("fylke").filter(number=number).first()
    if kommune is None:
        raise ReportError(_("There is no kommune with the number %(number)s.") % {"number": number})
    organisation = Organisation.objects.filter(kommune=kommune).first()
    return ReportPlace(kommune.number, kommune.name, "kommune", kommune.fylke_id, kommune.fylke.name, organisation,
                       kommune.boundary)


def fylke_place(number: str) -> ReportPlace:
    fylke = Fylke.objects.filter(number=number).first()
    if fylke is None:
        raise ReportError(_("There is no fylke with the number %(number)s.") % {"number": number})
    organisation = Organisation.objects.filter(fylke=fylke).first()
    return ReportPlace(fylke.number, fylke.name, "fylke", fylke.number, fylke.name, organisation, fylke.boundary)


def place_for(code: str) -> ReportPlace:
    """The kommune or fylke with ``code`` (four or two digits)."""
    return kommune_place(code) if len(code) == 4 else fylke_place(code)


def run_for(place: ReportPlace, run_id: int | None = None) -> MeasurementRun:
    """The named finished run (it must hold the place), else the last finished run that holds the place."""
    if run_id is None:
        run = latest_run_for(place.code)
        if run is None:
            raise ReportError(_("No measurement run holds %(place)s yet: run “lokalagenda measure” first.") % {
                "place": place.name})
        return run
    run = MeasurementRun.objects.filter(pk=run_id, status=MeasurementRun.Status.DONE).first()
    if run is None:
        raise ReportError(_("There is no finished measurement run with the id %(id)s.") % {"id": run_id})
    if not run.complete and f" {place.code} " not in run.kommuner:
        raise ReportError(_("Measurement run %(id)s does not hold %(place)s.") % {"id": run_id, "place": place.name})
    return run


def check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise ReportError(_("Unknown language “%(language)s”: use nb, nn or en.") % {"language": language})
    return language
