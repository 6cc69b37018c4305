"""What an organisation has registered, as a report reads it: priorities, published plans and their actions by
goal, partnerships and published practices. Reads only; drafts never reach a report."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from lokalagenda.partnerships.models import Partnership
from lokalagenda.places.place import Place
from lokalagenda.plans.models import Action, Plan, Priorities, TargetLink
from lokalagenda.practices.models import Practice


@dataclass
class Registers:
    priorities: Priorities | None = None
    plans: list[Plan] = field(default_factory=list)
    actions_by_goal: dict[int, list[Action]] = field(default_factory=dict)
    actions: list[Action] = field(default_factory=list)
    partnerships: list[Partnership] = field(default_factory=list)
    practices: list[Practice] = field(default_factory=list)


def registers_for(place: Place) -> Registers:
    """The organisation's published registers; empty when the place has no organisation (e.g. fylke 03)."""
    organisation = place.organisation
    if organisation is None:
        return Registers()
    plans = list(Plan.objects.published().for_organisation(organisation).order_by("-start_year", "title"))
    actions = list(Action.objects.filter(goal__plan__in=plans).select_related("goal__plan")
                   .order_by("goal__plan__title", "goal__order", "title"))
    partnerships = Partnership.objects.published()
    partnerships = (partnerships.for_kommune(place.number) if place.is_kommune
                    else partnerships.for_organisation(organisation))
    return Registers(
        priorities=Priorities.objects.filter(organisation=organisation, published=True)
        .prefetch_related("goals", "targets").first(),
        plans=plans,
        actions_by_goal=_actions_by_goal(plans),
        actions=actions,
        partnerships=list(partnerships.prefetch_related("partners", "targets").order_by("title")),
        practices=list(Practice.objects.published().filter(organisation=organisation).prefetch_related("targets")
                       .order_by("title")),
    )


def _actions_by_goal(plans: list[Plan]) -> dict[int, list[Action]]:
    """Actions linked (directly, or through their local goal) to a target of each SDG goal, by accepted links."""
    by_goal: dict[int, dict[int, Action]] = defaultdict(dict)
    links: Any = (TargetLink.objects.filter(plan__in=plans, state=TargetLink.State.ACCEPTED)
                  .select_related("target", "action", "goal").prefetch_related("goal__actions"))
    for link in links:
        actions = [link.action] if link.action_id else list(link.goal.actions.all()) if link.goal_id else []
        for action in actions:
            by_goal[link.target.goal_id][action.pk] = action
    return {goal: list(actions.values()) for goal, actions in by_goal.items()}
