"""The council brief: status, the biggest changes since the year before, red areas and actions under way, read
from the same stored run as the review (2–4 pages)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lokalagenda.indicators.models import Indicator, Observation
from lokalagenda.indicators.units import UnitKind, unit_kind
from lokalagenda.measurement import colour_meaning
from lokalagenda.measurement.models import Colour
from lokalagenda.places.place import Place
from lokalagenda.plans.models import Action
from lokalagenda.reports.vlr.content import ReportBase, goal_of, indicator_results, number, report_base

#: How many changes the brief lists of each kind of unit.
MAX_CHANGES = 5
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
    def kind(self) -> str:
        """:attr:`UnitKind.SHARE` (the change is in percentage points) or :attr:`UnitKind.LEVEL` (in per cent)."""
        return unit_kind(self.indicator.unit)

    @property
    def is_share(self) -> bool:
        return self.kind == UnitKind.SHARE

    @property
    def difference(self) -> float:
        """The change in the indicator's own unit: percentage points for a share."""
        return self.value - self.previous

    @property
    def percent(self) -> float | None:
        """The relative change in per cent of the year before; None when the year before was 0."""
        return 100 * self.difference / abs(self.previous) if self.previous else None

    @property
    def size(self) -> float:
        """How large the change is among changes of the same kind: percentage points for shares, the relative
        change for other units (a change from 0 ranks last)."""
        if self.is_share:
            return abs(self.difference)
        return abs(self.percent) if self.percent is not None else -1.0

    @property
    def verdict(self) -> str:
        """Better, worse or unchanged, from the indicator's direction; "changed" when it has none."""
        if self.difference == 0:
            return _("unchanged")
        better = {"higher": self.difference > 0, "lower": self.difference < 0}.get(self.indicator.direction)
        if better is None:
            return _("changed")
        return _("better") if better else _("worse")


@dataclass(frozen=True)
class ChangeGroup:
    """Changes of one kind of unit, largest first: a share's change in percentage points is never ranked
    against a count's change in per cent."""

    kind: str
    title: str
    changes: list[Change]


#: The kinds of change the brief lists, in order, with their headings.
CHANGE_KINDS = {
    UnitKind.SHARE: gettext_lazy("Shares, changed by most percentage points"),
    UnitKind.LEVEL: gettext_lazy("Counts, amounts and rates, changed by most per cent"),
}


@dataclass
class RedArea:
    label: str
    kind: str
    year: int | None = None
    value: float | None = None
    #: What the red compares: the position among the kommuner or the way to the 2030 target.
    meaning: str = ""


@dataclass
class BriefContent(ReportBase):
    changes: list[ChangeGroup]
    red_areas: list[RedArea]
    actions: list[Action]


def year_on_year(place: str, language: str) -> list[Change]:
    """Per indicator with totals in two consecutive latest years: its latest year against the year before."""
    rows = (Observation.objects.for_place(place).totals().exclude(value=None).select_related("indicator")
            .order_by("indicator_id", "-year"))
    latest: dict[str, list[Any]] = {}
    for observation in rows:
        pair = latest.setdefault(observation.indicator_id, [])
        if len(pair) < 2:
            pair.append(observation)
    return [Change(newer.indicator, newer.indicator.title_in(language), newer.year, newer.value, older.year,
                   older.value, newer.indicator.unit_label)
            for newer, older in (pair for pair in latest.values() if len(pair) == 2)
            if newer.year - older.year == 1]


def changes_since_last_year(place: str, language: str, limit: int = MAX_CHANGES) -> list[ChangeGroup]:
    """The largest changes since the year before, per kind of unit (:data:`CHANGE_KINDS`), at most ``limit``
    of each: shares ranked by percentage points, other units by relative change. Kinds without a change are
    left out."""
    changes = year_on_year(place, language)
    groups = []
    for kind, title in CHANGE_KINDS.items():
        ranked = sorted((change for change in changes if change.kind == kind),
                        key=lambda change: (-change.size, change.indicator.pk))
        if ranked:
            groups.append(ChangeGroup(kind, str(title), ranked[:limit]))
    return groups


def red_areas(base: ReportBase, language: str) -> list[RedArea]:
    """Goals and indicators the run rates red, each with what its red compares."""
    areas = [RedArea(row["label"], _("goal"), meaning=colour_meaning.meaning_of(row["result"]).sentence)
             for row in base.overview.rows if row["colour"] == Colour.RED]
    for result in indicator_results(base.run, base.place.number):
        if result.colour == Colour.RED:
            goal = goal_of(result.indicator)
            label = result.indicator.title_in(language) + (f" ({_('goal')} {goal})" if goal else "")
            areas.append(RedArea(label, _("indicator"), result.year, number(result.value),
                                 colour_meaning.meaning_of(result).sentence))
    return areas


def build_brief(place: Place, language: str, run_id: int | None = None, *, draw: bool = True,
                drafts: bool = False) -> BriefContent:
    """Everything a council brief shows, in ``language`` (call inside ``translation.override(language)``)."""
    base = report_base(place, language, run_id, draw=draw)
    under_way = [action for action in base.registers.actions
                 if action.status in (Action.Status.ONGOING, Action.Status.PLANNED)]
    under_way.sort(key=lambda action: (action.status != Action.Status.ONGOING, action.title))
    return BriefContent(**vars(base), changes=changes_since_last_year(place.number, language),
                        red_areas=red_areas(base, language), actions=under_way[:MAX_ACTIONS])
