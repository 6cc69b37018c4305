"""Key-result progress of a plan's indicator links (methods file §4, ``core.measure.keyresults``).

The current value of a key result is the place's latest stored observation of the indicator (the whole
population, no disaggregation), unless the editor has entered a value of the same year or newer.
:func:`key_results_of` gathers an organisation's key results, optionally those of one SDG goal, for every page
that shows them (the goal page, the kommune page and the residents' page); :func:`key_results` computes the
progress of given links (the plan page).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from lokalagenda.accounts.models import Organisation
from lokalagenda.core.measure.keyresults import key_result_progress
from lokalagenda.indicators.models import Observation
from lokalagenda.indicators.units import is_share, unit_label
from lokalagenda.plans.access import place_of
from lokalagenda.plans.models import IndicatorLink, Plan, TargetLink
from lokalagenda.ui.numbers import number


@dataclass(frozen=True)
class CurrentValue:
    value: float
    year: int
    source: str


def with_unit(value: float, unit: str) -> str:
    """A value in the reader's number format with the indicator's unit in the reader's language: "250 000 tonn
    CO₂-ekvivalenter", "60 %" (percentages take the sign), "12,5" (no unit)."""
    shown = number(value)
    if not unit:
        return shown
    if is_share(unit):
        return f"{shown}\u00a0%"
    return f"{shown}\u00a0{unit_label(unit)}"


@dataclass(frozen=True)
class KeyResult:
    """One indicator link with its current value and progress (``percent`` is None without a current value or
    when the target equals the start value)."""

    link: IndicatorLink
    current: CurrentValue | None
    percent: float | None
    complete: bool

    def _value(self, value: float) -> str:
        return with_unit(value, self.link.indicator.unit)

    @property
    def start(self) -> str:
        return self._value(self.link.start_value)

    @property
    def target(self) -> str:
        return self._value(self.link.target_value)

    @property
    def current_text(self) -> str:
        """The current value with its unit ("" without one)."""
        return "" if self.current is None else self._value(self.current.value)

    @property
    def text(self) -> str:
        """"28 % of the way from 250 000 tonnes in 2009 to 37 500 tonnes in 2030." — or why there is no
        progress yet."""
        way = {"start_year": self.link.start_year, "start": self.start, "target_year": self.link.target_year,
               "target": self.target}
        if self.current is None:
            return _("No current value yet on the way from %(start)s in %(start_year)s to %(target)s in "
                     "%(target_year)s.") % way
        if self.percent is None:
            return _("The target equals the start value (%(start)s), so there is no way to cover.") % way
        return _("%(percent)s of the way from %(start)s in %(start_year)s to %(target)s in %(target_year)s.") % {
            **way, "percent": f"{number(round(self.percent), 0)}\u00a0%"}

    @property
    def bar(self) -> int | None:
        """The progress bar's value: the percentage within 0–100 (a key result moving away shows an empty bar,
        one past its target a full one); None when there is no progress to show."""
        return None if self.percent is None else round(min(max(self.percent, 0.0), 100.0))

    @property
    def moving_away(self) -> bool:
        """The current value is further from the target than the start value was."""
        return self.percent is not None and self.percent < 0

    @property
    def subject(self) -> object:
        """The local goal or action the key result measures."""
        return self.link.goal or self.link.action


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


def _of_goal(goal: int) -> Q:
    """Indicator links about an SDG goal: the local goal or action they measure links one of its targets, or
    their indicator measures one. (An action's key result does not follow its local goal's links: an action
    measured by emissions under a goal about health is not about health.)"""
    linked = TargetLink.objects.filter(state=TargetLink.State.ACCEPTED, target__goal_id=goal)
    return (Q(goal__in=linked.values("goal")) | Q(action__in=linked.values("action"))
            | Q(indicator__targets__goal_id=goal))


def key_results_of(organisation: Organisation, plans: QuerySet[Plan], *, goal: int | None = None) -> list[KeyResult]:
    """The key results of ``organisation`` in ``plans`` (the caller decides whether drafts count), for its own
    place's statistics, in the order of the plans (newest first) and their goals; only those about SDG ``goal``
    when one is given."""
    links = IndicatorLink.objects.filter(plan__in=plans.filter(organisation=organisation))
    if goal is not None:
        links = links.filter(_of_goal(goal))
    links = (links.distinct().select_related("plan", "goal", "action", "action__goal", "indicator")
             .annotate(goal_order=Coalesce("goal__order", "action__goal__order"),
                       goal_pk=Coalesce("goal_id", "action__goal_id"))
             .order_by("-plan__start_year", "plan__title", "goal_order", "goal_pk", F("action").asc(nulls_first=True),
                       "id"))
    return key_results(links, place_of(organisation))
