"""What a council adopts when it adopts a Voluntary Local Review, for ``decisions.subjects`` (registered in
``ReportsConfig.ready``): the measurement run the review reads (``scope.run_for``) and the published narrative
version of every section in every language. A new run or a newly published text changes the review, and pages then
mark it as changed since the decision; a saved draft text does not."""

from __future__ import annotations

from typing import Any

from lokalagenda.accounts.models import Organisation
from lokalagenda.places.place import UnknownPlace, place_for
from lokalagenda.reports.models import NarrativeVersion
from lokalagenda.reports.vlr.scope import LANGUAGES, ReportError, run_for


def vlr_content(organisation: Organisation, plan: Any = None) -> object | None:
    """The review's content as plain data; None when there is no review yet (no place, or no run holds it)."""
    code = organisation.kommune_id or organisation.fylke_id
    try:
        run = run_for(place_for(code)) if code else None
    except (UnknownPlace, ReportError):
        run = None
    if run is None:
        return None
    narratives = {language: {section: version.pk for section, version in
                             NarrativeVersion.objects.latest_per_section(organisation, language).items()}
                  for language in LANGUAGES}
    return {"run": run.pk, "narratives": narratives}
