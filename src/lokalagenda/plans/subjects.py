"""The three things a target link can hang on (a local goal, an action, a plan document), as a registry.

URLs name the kind by its Norwegian slug (``mal``, ``tiltak``, ``dokument``); everything else asks this registry
for the model, the link field, the owning plan and the text to suggest targets from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lokalagenda.plans.models import Action, LocalGoal, Plan, PlanDocument


@dataclass(frozen=True)
class SubjectKind:
    slug: str
    model: type[Any]
    field: str
    plan: Callable[[Any], Plan]
    text: Callable[[Any], str]
    label: str


def _title_and_description(subject: LocalGoal | Action) -> str:
    return "\n\n".join(part for part in (subject.title, subject.description) if part.strip())


SUBJECTS: dict[str, SubjectKind] = {
    "mal": SubjectKind("mal", LocalGoal, "goal", lambda goal: goal.plan, _title_and_description, "goal"),
    "tiltak": SubjectKind("tiltak", Action, "action", lambda action: action.goal.plan, _title_and_description,
                          "action"),
    "dokument": SubjectKind("dokument", PlanDocument, "document", lambda document: document.plan,
                            lambda document: document.text, "document"),
}
"""Subject kinds by URL slug."""

BY_MODEL: dict[type[Any], SubjectKind] = {kind.model: kind for kind in SUBJECTS.values()}


def kind_of(subject: Any) -> SubjectKind:
    return BY_MODEL[type(subject)]


def plan_of(subject: Any) -> Plan:
    return kind_of(subject).plan(subject)
