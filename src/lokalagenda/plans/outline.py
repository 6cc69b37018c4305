"""A plan as its page shows it: documents, then goals with their actions, each with its accepted targets and
key results. Built in a handful of queries so the page and the API share one shape."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch

from lokalagenda.plans.keyresults import KeyResult, key_results
from lokalagenda.plans.models import Action, IndicatorLink, LocalGoal, Plan, PlanDocument, TargetLink


@dataclass(frozen=True)
class Part:
    """A goal, action or document with its accepted target links and key results."""

    subject: Any
    links: list[TargetLink]
    key_results: list[KeyResult]


@dataclass(frozen=True)
class GoalPart(Part):
    actions: list[Part]


@dataclass(frozen=True)
class PlanOutline:
    plan: Plan
    documents: list[Part]
    goals: list[GoalPart]


def _accepted() -> Prefetch:
    return Prefetch("target_links", queryset=TargetLink.objects.filter(state=TargetLink.State.ACCEPTED)
                    .select_related("target", "decided_by"), to_attr="accepted_links")


def plan_outline(plan: Plan, place: str) -> PlanOutline:
    """The plan's parts with their accepted links and the progress of their key results for ``place``."""
    indicator_links = IndicatorLink.objects.filter(plan=plan).select_related("indicator")
    results: dict[tuple[str, int], list[KeyResult]] = {}
    for result in key_results(indicator_links, place):
        subject = ("goal", result.link.goal_id) if result.link.goal_id else ("action", result.link.action_id)
        results.setdefault(subject, []).append(result)  # type: ignore[arg-type]
    documents = PlanDocument.objects.filter(plan=plan).prefetch_related(_accepted())
    goals = LocalGoal.objects.filter(plan=plan).prefetch_related(
        _accepted(), Prefetch("actions", queryset=Action.objects.prefetch_related(_accepted())))
    return PlanOutline(
        plan,
        [Part(document, document.accepted_links, []) for document in documents],
        [GoalPart(goal, goal.accepted_links, results.get(("goal", goal.pk), []),
                  [Part(action, action.accepted_links, results.get(("action", action.pk), []))
                   for action in goal.actions.all()])
         for goal in goals],
    )
