"""What a decision adopted, as a fingerprint: the SHA-256 of the subject's content when the decision was recorded.
A page compares it with the subject's content now and marks the subject "changed since the decision".

Each subject registers how its content is read (:func:`register`): this app registers the assessment, the
priorities and a plan, whose apps lie below it; ``reports`` registers the VLR in its ``ready()``, as it lies
above. A subject without a registered reader cannot be adopted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from lokalagenda.accounts.models import Organisation
from lokalagenda.core.digest import content_digest

#: subject → function (organisation, plan or None) → the content to fingerprint (JSON-serialisable), or None
#: when there is nothing to adopt yet (no published assessment, no priorities).
ContentReader = Callable[[Organisation, Any], object | None]
_READERS: dict[str, ContentReader] = {}


def register(subject: str, reader: ContentReader) -> None:
    _READERS[subject] = reader


def is_registered(subject: str) -> bool:
    return subject in _READERS


def current_fingerprint(subject: str, organisation: Organisation, plan: Any = None) -> str | None:
    """The fingerprint of the subject as it is now; None when it has no content to adopt."""
    content = _READERS[subject](organisation, plan)
    return None if content is None else content_digest(content)


def changed_since(decision: Any) -> bool:
    """Whether the adopted subject has changed since ``decision`` (a decision without a fingerprint: no)."""
    return changes_since([decision])[0]


def changes_since(decisions: Iterable[Any]) -> list[bool]:
    """:func:`changed_since` for each of ``decisions``, reading each subject once however many decisions adopted
    it (a list of a kommune's decisions often holds several of one plan or of the assessment)."""
    now: dict[tuple[str, int, int | None], str | None] = {}
    changed = []
    for decision in decisions:
        if not decision.fingerprint or not is_registered(decision.subject):
            changed.append(False)
            continue
        key = (decision.subject, decision.organisation_id, decision.plan_id)
        if key not in now:
            now[key] = current_fingerprint(decision.subject, decision.organisation, decision.plan)
        changed.append(now[key] != decision.fingerprint)
    return changed


def _assessment(organisation: Organisation, plan: Any) -> object | None:
    from lokalagenda.materiality.models import AssessmentVersion

    latest = AssessmentVersion.objects.latest_for(organisation)
    return None if latest is None else latest.fingerprint


def _priorities(organisation: Organisation, plan: Any) -> object | None:
    from lokalagenda.plans.models import Priorities

    priorities = Priorities.objects.filter(organisation=organisation).first()
    if priorities is None:
        return None
    return {"statement": priorities.statement, "published": priorities.published,
            "goals": sorted(priorities.goals.values_list("number", flat=True)),
            "targets": sorted(priorities.targets.values_list("code", flat=True))}


def _plan(organisation: Organisation, plan: Any) -> object | None:
    from lokalagenda.plans.services import ACTION_FIELDS, GOAL_FIELDS, PLAN_FIELDS

    if plan is None:
        return None
    goals = [{**{name: getattr(goal, name) for name in GOAL_FIELDS},
              "actions": [{name: getattr(action, name) for name in ACTION_FIELDS} for action in goal.actions.all()]}
             for goal in plan.goals.prefetch_related("actions").order_by("order", "pk")]
    return {**{name: getattr(plan, name) for name in PLAN_FIELDS}, "goals": goals}


def register_own_subjects() -> None:
    from lokalagenda.decisions.models import Subject

    register(Subject.ASSESSMENT, _assessment)
    register(Subject.PRIORITIES, _priorities)
    register(Subject.PLAN, _plan)
