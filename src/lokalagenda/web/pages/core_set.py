"""The core set's page (``/indikatorer/kjernesett/``): its indicators grouped by goal, each with its facts and
whether its fetch spec is verified (``connectors``), and the set's revision log; a national editor adds and removes
indicators there (the writes are in ``indicators.set_membership``). It gathers two apps, so it lives here in
``web.pages``; ``web.pages.indicator_urls`` puts it in the ``indicators:`` URL namespace."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from lokalagenda.accounts.permissions import is_national_editor, national_editor_required
from lokalagenda.connectors.services import spec_entries
from lokalagenda.core.sources.fetchspecs import SpecEntry
from lokalagenda.framework.models import Goal
from lokalagenda.indicators import set_membership
from lokalagenda.indicators.forms import CoreSetChangeForm
from lokalagenda.indicators.models import Indicator, IndicatorSet, IndicatorSetChange
from lokalagenda.ui.language import active_language

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
    indicator_set = set_membership.core_set()
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


ADD, REMOVE = IndicatorSetChange.Action.ADDED.value, IndicatorSetChange.Action.REMOVED.value


@require_GET
def core_set(request: HttpRequest) -> HttpResponse:
    """The core set: what it is, the selection criteria, its indicators by goal and its revision log."""
    return _core_set_response(request, core_set_page(active_language()))


@login_required
@require_POST
@national_editor_required
def core_set_edit(request: HttpRequest) -> HttpResponse:
    """A national editor adds a catalogue indicator to the core set or removes one, giving a reason."""
    page = core_set_page(active_language())
    forms = _edit_forms(page, request.POST)
    form = forms[request.POST.get("action") if request.POST.get("action") in forms else ADD]
    if not form.is_valid():
        return _core_set_response(request, page, forms, status=400)
    indicator, action = form.cleaned_data["indicator"], form.cleaned_data["action"]
    set_membership.edit_core_set(request.user, indicator, action, form.cleaned_data["reason"])
    text = (gettext("%(name)s was added to the core set.") if action == ADD
            else gettext("%(name)s was removed from the core set."))
    messages.success(request, text % {"name": indicator.title_in(active_language())})
    return redirect("indicators:coreset")


def _edit_forms(page: CoreSetPage, data: Any = None) -> dict[str, CoreSetChangeForm]:
    """The editor's two forms (add, remove); ``data`` binds the one whose action it names."""
    members = [(m.indicator.id, f"{m.indicator.title_in(active_language())} ({m.indicator.id})") for m in page.members]
    posted = data.get("action") if data is not None else None
    return {
        ADD: CoreSetChangeForm(data if posted != REMOVE else None, initial={"action": ADD}, auto_id="add-%s",
                               indicator_set=page.indicator_set),
        REMOVE: CoreSetChangeForm(data if posted == REMOVE else None, initial={"action": REMOVE},
                                  auto_id="remove-%s", indicator_set=page.indicator_set, members=members),
    }


def _core_set_response(request: HttpRequest, page: CoreSetPage, forms: dict[str, CoreSetChangeForm] | None = None,
                       status: int = 200) -> HttpResponse:
    context: dict[str, Any] = {"page": page, "can_edit": is_national_editor(request.user)}
    if context["can_edit"]:
        forms = forms or _edit_forms(page)
        candidates = Indicator.objects.filter(organisation__isnull=True)
        if page.indicator_set is not None:
            candidates = candidates.exclude(sets=page.indicator_set)
        context.update(add_form=forms[ADD], remove_form=forms[REMOVE],
                       candidates=candidates.values_list("id", "name_nb"))
    return render(request, "web/core_set.html", context, status=status)
