"""The widget's one-indicator view: ``/innbygging/kommune/<nr>/?indikator=ID`` shows one chosen indicator of the
place instead of its summary of the 17 goals, for a kommune's website that wants to show, say, its vaccination
coverage. Read from stored results only, like the summary (:mod:`lokalagenda.reports.residents.summary`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from lokalagenda.indicators.attribution import Attribution, attribution_of
from lokalagenda.indicators.models import Indicator
from lokalagenda.measurement.models import IndicatorResult
from lokalagenda.measurement.querysets import latest_run_for
from lokalagenda.places.place import Place


class UnknownWidgetIndicator(Exception):
    """The widget's ``?indikator=`` names no indicator of the catalogue; ``message`` says which (translated)."""

    def __init__(self, indicator_id: str) -> None:
        self.message = _("There is no indicator “%(indicator)s” in the catalogue. The widget's address names "
                         "one with ?indikator= and its id, as on the indicator's page in the catalogue.") \
            % {"indicator": indicator_id}
        super().__init__(self.message)


@dataclass(frozen=True)
class IndicatorWidget:
    """One indicator of one place: its stored result from the place's latest run (None when there is none),
    the publisher's attribution, and the page with the whole story (a kommune's indicator page)."""

    indicator: Indicator
    result: IndicatorResult | None
    attribution: Attribution
    full_page: str


def indicator_widget(place: Place, indicator_id: str) -> IndicatorWidget:
    """The chosen indicator of ``place``.

    Raises
    ------
    UnknownWidgetIndicator
        When the catalogue has no indicator with this id.
    """
    indicator = Indicator.objects.filter(id=indicator_id).first()
    if indicator is None:
        raise UnknownWidgetIndicator(indicator_id)
    run = latest_run_for(place.number)
    result = IndicatorResult.objects.filter(run=run, place=place.number, indicator=indicator).first() \
        if run is not None else None
    full_page = reverse("measurement:kommune-indicator", args=[place.number, indicator.id]) \
        if place.is_kommune else place.residents_url
    return IndicatorWidget(indicator, result, attribution_of(indicator), full_page)
