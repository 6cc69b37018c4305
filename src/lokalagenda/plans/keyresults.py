"""Key-result progress of a plan's indicator links (methods file §4, ``core.measure.keyresults``).

The current value of a key result is the kommune's latest stored observation of the indicator (the whole
population, no disaggregation), unless the editor has entered a value of the same year or newer.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from lokalagenda.core.measure.keyresults import key_result_progress
from lokalagenda.indicators.models import Observation
from lokalagenda.plans.models import IndicatorLink


@dataclass(frozen=True)
class CurrentValue:
    value: float
    year: int
    source: str


@dataclass(frozen=True)
class KeyResult:
    """One indicator link with its current value and progress (``percent`` is None without a current value or
    when the target equals the start value)."""

    link: IndicatorLink
    current: CurrentValue | None
    percent: float | None
    complete: bool

    @property
    def text(self) -> str:
        """"45 % of the way from 2020's 60 to 2030's 80" — or why there is no progress yet."""
        way = {"start_year": self.link.start_year, "start": _number(self.link.start_value),
               "target_year": self.link.target_year, "target": _number(self.link.target_value)}
        if self.current is None:
            return _("No current value yet on the way from %(start_year)s's %(start)s to %(target_year)s's "
                     "%(target)s.") % way
        if self.percent is None:
            return _("The target equals the start value (%(start)s), so there is no way to cover.") % way
        return _("%(percent)s %% of the way from %(start_year)s's %(start)s to %(target_year)s's %(target)s.") % {
            **way, "percent": number_format(round(self.percent))}


def _number(value: float) -> str:
    """Whole numbers without decimals, others with up to two, in the active language's format."""
    rounded = round(float(value), 2)
    return number_format(int(rounded) if rounded.is_integer() else rounded)


def current_value(link: IndicatorLink, place: str) -> CurrentValue | None:
    """The latest of the stored observation and the value the editor entered."""
    observation = (Observation.objects.filter(indicator_id=link.indicator_id, place=place, disaggregation="",
                                              value__isnull=False).order_by("-year").first())
    stored = None if observation is None else CurrentValue(
        observation.value, observation.year, link.indicator.publisher or _("stored observations"))
    entered = None
    if link.current_value is not None and link.current_date is not None:
        entered = CurrentValue(link.current_value, link.current_date.year, link.current_source)
    if entered is not None and (stored is None or entered.year >= stored.year):
        return entered
    return stored


def key_results(links: Iterable[IndicatorLink], place: str) -> list[KeyResult]:
    """Progress of each link towards its target, computed by the registered key-result method."""
    links = list(links)
    currents = [current_value(link, place) for link in links]
    if not links:
        return []
    table = pd.DataFrame({
        "start": [link.start_value for link in links], "target": [link.target_value for link in links],
        "current": [math.nan if current is None else current.value for current in currents],
    })
    result = key_result_progress(table).table
    return [
        KeyResult(link, current, None if math.isnan(percent) else float(percent), bool(complete))
        for link, current, percent, complete in zip(links, currents, result["percent"], result["complete"],
                                                    strict=True)
    ]
