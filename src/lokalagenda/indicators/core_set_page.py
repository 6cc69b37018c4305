"""The core set's page (``/indikatorer/kjernesett/``): its indicators grouped by goal, each with its facts and
whether its fetch spec is verified, and the set's revision log. Reads only; the writes are in
``indicators.set_membership``."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from lokalagenda.connectors.services import spec_entries
from lokalagenda.core.sources.fetchspecs import SpecEntry
from lokalagenda.framework.models import Goal
from lokalagenda.indicators.models import Indicator, IndicatorSet, IndicatorSetChange
from lokalagenda.indicators.set_membership import core_set

#: A goal with fewer indicators than this is named as thinly measured, and the page says why.
ENOUGH = 2

#: Why a goal has little in the core set, where the reason is known (issue 13: goals 14 and 17).
GOAL_NOTES = {
    14: _("The state of the sea is measured for the country, not per kommune; building in the 100-metre shore "
          "zone and wastewater treatment serve as proxies for the kommune's part."),
    17: _("Aid, trade and global partnerships are national matters; the kommune's own finances serve as the "
          "proxy for 17.1."),
}
NO_INDICATOR = _("No indicator in the core set measures this goal yet: no official statistic at kommune level that "
                 "meets the criteria has been found for it.")
ONE_INDICATOR = _("Only one indicator measures this goal: few official statistics at kommune level meet the "
                  "criteria for it.")


@dataclass(frozen=True)
class CoreIndicator:
    """One indicator of the core set with what the page shows of it."""

    indicator: Indicator
    definition: str
    targets: list[str]
    spec: SpecEntry | None
    unverified: list[str]

    @property
    def verified(self) -> bool:
        """It has a fetch spec, and the spec's evidence names every code it asks for."""
        return self.spec is not None and not self.unverified


@dataclass(frozen=True)
class GoalGroup:
    """A goal and the core-set indicators tied to one of its targets (an indicator may be in several groups)."""

    goal: Goal
    indicators: list[CoreIndicator]

    @property
    def count(self) -> int:
        return len(self.indicators)

    @property
    def thin(self) -> bool:
        return self.count < ENOUGH

    @property
    def note(self) -> str:
        """Why the goal has fewer than two indicators ("" when it has enough)."""
        if not self.thin:
            return ""
        general = NO_INDICATOR if self.count == 0 else ONE_INDICATOR
        specific = GOAL_NOTES.get(self.goal.number)
        return f"{general} {specific}" if specific else str(general)


@dataclass(frozen=True)
class CoreSetPage:
    """The context of the core-set page: the set (None before it is loaded), its indicators by goal 1–17, the
    members without a goal, every member (for the editor's removal list) and the revision log, newest first."""

    indicator_set: IndicatorSet | None
    groups: list[GoalGroup]
    without_goal: list[CoreIndicator]
    members: list[CoreIndicator]
    changes: list[IndicatorSetChange] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.members)

    @property
    def thin_goals(self) -> list[int]:
        return [group.goal.number for group in self.groups if group.thin]


def core_set_page(language: str) -> CoreSetPage:
    """Everything the core-set page shows, names and definitions in ``language``."""
    indicator_set = core_set()
    members = _members(indicator_set, language)
    by_goal: dict[int, list[CoreIndicator]] = {}
    for member in members:
        for goal in sorted({int(code.split(".")[0]) for code in member.targets}):
            by_goal.setdefault(goal, []).append(member)
    groups = [GoalGroup(goal, by_goal.get(goal.number, [])) for goal in Goal.objects.order_by("number")]
    changes = [] if indicator_set is None else list(
        indicator_set.changes.select_related("indicator", "user").order_by("-created_at", "-id"))
    return CoreSetPage(indicator_set, groups, [m for m in members if not m.targets], members, changes)


def _members(indicator_set: IndicatorSet | None, language: str) -> list[CoreIndicator]:
    if indicator_set is None:
        return []
    indicators = (indicator_set.indicators.prefetch_related("targets").order_by("id"))
    specs = spec_entries()
    members = []
    for indicator in indicators:
        spec = specs.get(indicator.id)
        members.append(CoreIndicator(
            indicator=indicator, definition=indicator.definition_in(language),
            targets=sorted((target.code for target in indicator.targets.all()), key=_target_order),
            spec=spec, unverified=spec.unverified_reasons() if spec else [],
        ))
    # Indicators that give a score (a direction) first, then the context ones, each part by name.
    members.sort(key=lambda member: (member.indicator.direction not in ("higher", "lower"),
                                     member.indicator.title_in(language).casefold()))
    return members


def _target_order(code: str) -> tuple[int, str]:
    goal, _dot, rest = code.partition(".")
    return int(goal), rest.zfill(3)
