"""The council brief: status, the biggest changes since the year before, red areas and actions under way, read
from the same stored run as the review (2–4 pages)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from lokalagenda.indicators.models import Indicator, Observation
from lokalagenda.plans.models import Action
from lokalagenda.reports.content import ReportBase, goal_of, indicator_results, number, report_base
from lokalagenda.reports.scope import ReportPlace

MAX_CHANGES = 6
MAX_ACTIONS = 12


@dataclass(frozen=True)
class Change:
    """One indicator's total value in its latest year against the year before."""

    indicator: Indicator
    title: str
    year: int
    value: float
    previous_year: int
    previous: float
    unit: str

    @property
    def difference(self) -> float:
        return self.value - self.previous

    @property
    def relative(self) -> float:
        return abs(self.difference) / abs(self.previous) if self.previous else abs(self.difference)

    @property
    def verdict(self) -> str:
        """Better, worse or unchanged, from the indicator's direction; "changed" when it has none."""
        if self.difference == 0:
            return _("unchanged")
        better = {"higher": self.difference > 0, "lower": self.difference < 0}.get(self.indicator.direction)
        if better is None:
            return _("changed")
        return _("better") if better else _("worse")


@dataclass
class RedArea:
    label: str
    kind: str
    year: int | None = None
    value: float | None = None


@dataclass
class BriefContent(ReportBase):
    changes: list[Change]
    red_areas: list[RedArea]
    actions: list[Action]


def changes_since_last_year(place: str, language: str, limit: int = MAX_CHANGES) -> list[Change]:
    """Per indicator, the latest stored year against the one before it, largest relative change first."""
    rows = (Observation.objects.for_place(place).totals().exclude(value=None).select_related("indicator")
            .order_by("indicator_id", "-year"))
    latest: dict[str, list[Any]] = {}
    for observation in rows:
        pair = latest.setdefault(observation.indicator_id, [])
        if len(pair) < 2:
            pair.append(observation)
    changes = [Change(newer.indicator, newer.indicator.title_in(language), newer.year, newer.value, older.year,
                      older.value, newer.indicator.unit_label)
               for newer, older in (pair for pair in latest.values() if len(pair) == 2)
               if newer.year - older.year == 1]
    changes.sort(key=lambda change: (-change.relative, change.indicator.pk))
    return changes[:limit]


def red_areas(base: ReportBase, language: str) -> list[RedArea]:
    """Goals and indicators the run rates red (major challenges)."""
    areas = [RedArea(row["label"], _("goal")) for row in base.overview.rows if row["colour"] == "red"]
    for result in indicator_results(base.run, base.place.code):
        if result.colour == "red":
            goal = goal_of(result.indicator)
            label = result.indicator.title_in(language) + (f" ({_('goal')} {goal})" if goal else "")
            areas.append(RedArea(label, _("indicator"), result.year, number(result.value)))
    return areas


def build_brief(place: ReportPlace, language: str, run_id: int | None = None, *, draw: bool = True,
                drafts: bool = False) -> BriefContent:
    """Everything a council brief shows, in ``language`` (call inside ``translation.override(language)``)."""
    base = report_base(place, language, run_id, draw=draw)
    under_way = [action for action in base.registers.actions
                 if action.status in (Action.Status.ONGOING, Action.Status.PLANNED)]
    under_way.sort(key=lambda action: (action.status != Action.Status.ONGOING, action.title))
    return BriefContent(**vars(base), changes=changes_since_last_year(place.code, language),
                        red_areas=red_areas(base, language), actions=under_way[:MAX_ACTIONS])
