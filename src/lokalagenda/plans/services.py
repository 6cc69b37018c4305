"""Writes of the plans app: priorities, plans, local goals, actions and their links. Each checks the editor's right
and lands in the audit log.

Every function takes the acting user; anyone but an editor or admin of the organisation (or a superuser) gets
PermissionDenied, whatever the plan's state, so another kommune's editor is refused on every write.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lokalagenda.accounts.models import Organisation
from lokalagenda.accounts.permissions import require_editor
from lokalagenda.accounts.services import audit, save_audited, snapshot
from lokalagenda.framework.models import Goal, Target
from lokalagenda.plans.models import Action, IndicatorLink, LocalGoal, Plan, Priorities, TargetLink
from lokalagenda.plans.subjects import kind_of, plan_of

PRIORITY_FIELDS = ["statement", "goals", "targets", "published"]
PLAN_FIELDS = ["kind", "title", "start_year", "end_year", "status", "url", "published"]
GOAL_FIELDS = ["title", "description", "order"]
ACTION_FIELDS = ["title", "description", "responsible_unit", "budget_nok", "start_date", "end_date", "status"]
TARGET_LINK_FIELDS = ["plan", "goal", "action", "document", "target", "origin", "state", "score", "evidence",
                      "decided_by"]
INDICATOR_LINK_FIELDS = ["plan", "goal", "action", "indicator", "start_value", "start_year", "target_value",
                         "target_year", "current_value", "current_date", "current_source"]


@transaction.atomic
def save_priorities(
    organisation: Organisation, user: Any, *, statement: str, goals: list[Goal], targets: list[Target],
    published: bool,
) -> Priorities:
    """Create or change the organisation's priorities; raises PermissionDenied for anyone but its editors."""
    require_editor(user, organisation, _("Only editors of this organisation can change its priorities."))
    priorities = (Priorities.objects.select_for_update().filter(organisation=organisation).first()
                  or Priorities(organisation=organisation))
    return save_audited(user, priorities, PRIORITY_FIELDS, organisation, validate=False,
                        values={"statement": statement, "published": published, "updated_by": user},
                        relations={"goals": goals, "targets": targets})


@transaction.atomic
def save_plan(organisation: Organisation, user: Any, plan: Plan | None = None, **values: Any) -> Plan:
    """Register a plan in the organisation's register, or change one of its plans."""
    require_editor(user, organisation)
    if plan is not None and plan.organisation_id != organisation.id:
        raise PermissionDenied(_("The plan belongs to another organisation."))
    plan = plan or Plan(organisation=organisation)
    plan.updated_by = user
    return save_audited(user, plan, PLAN_FIELDS, organisation, values=values)


@transaction.atomic
def save_goal(plan: Plan, user: Any, goal: LocalGoal | None = None, **values: Any) -> LocalGoal:
    """Add a local goal to a plan, or change one."""
    require_editor(user, plan.organisation)
    goal = goal or LocalGoal(plan=plan)
    return save_audited(user, goal, GOAL_FIELDS, plan.organisation, values=values)


@transaction.atomic
def save_action(goal: LocalGoal, user: Any, action: Action | None = None, **values: Any) -> Action:
    """Add an action (tiltak) to a local goal, or change one."""
    require_editor(user, goal.plan.organisation)
    action = action or Action(goal=goal)
    return save_audited(user, action, ACTION_FIELDS, goal.plan.organisation, values=values)


def _existing_link(subject: Any, target: Target) -> TargetLink | None:
    field = kind_of(subject).field
    return TargetLink.objects.select_for_update().filter(**{field: subject, "target": target}).first()


@transaction.atomic
def link_target(subject: Any, user: Any, target: Target) -> TargetLink:
    """Link a goal, action or document to a target by hand.

    An earlier rejected suggestion of the same target becomes a manual link; an existing accepted link is
    refused rather than silently replaced.
    """
    plan = plan_of(subject)
    require_editor(user, plan.organisation)
    link = _existing_link(subject, target)
    if link is not None and link.state == TargetLink.State.ACCEPTED:
        raise ValidationError(_("Target %(code)s is already linked.") % {"code": target.code})
    link = link or TargetLink(plan=plan, target=target, **{kind_of(subject).field: subject})
    return save_audited(user, link, TARGET_LINK_FIELDS, plan.organisation, values={
        "origin": TargetLink.Origin.MANUAL, "state": TargetLink.State.ACCEPTED, "score": None, "evidence": [],
        "decided_by": user})


@transaction.atomic
def decide_suggestion(subject: Any, user: Any, target: Target, *, accept: bool, score: float,
                      evidence: Sequence[str]) -> TargetLink:
    """Record the editor's decision on a suggested target: an accepted link, or a remembered rejection."""
    plan = plan_of(subject)
    require_editor(user, plan.organisation)
    link = _existing_link(subject, target)
    if link is not None:
        raise ValidationError(_("Target %(code)s has already been decided on.") % {"code": target.code})
    link = TargetLink(plan=plan, target=target, **{kind_of(subject).field: subject})
    state = TargetLink.State.ACCEPTED if accept else TargetLink.State.REJECTED
    return save_audited(user, link, TARGET_LINK_FIELDS, plan.organisation, values={
        "origin": TargetLink.Origin.SUGGESTED, "state": state, "score": round(float(score), 4),
        "evidence": list(evidence), "decided_by": user})


@transaction.atomic
def remove_target_link(link: TargetLink, user: Any) -> None:
    """Delete a link (an accepted one, or a rejection so the target may be suggested again)."""
    require_editor(user, link.plan.organisation)
    before = snapshot(link, TARGET_LINK_FIELDS)
    audit(user, "delete", link, before, None, organisation=link.plan.organisation)
    link.delete()


@transaction.atomic
def save_indicator_link(subject: LocalGoal | Action, user: Any, link: IndicatorLink | None = None,
                        **values: Any) -> IndicatorLink:
    """Measure a goal or action by an indicator, from a start value towards a target value."""
    plan = plan_of(subject)
    require_editor(user, plan.organisation)
    link = link or IndicatorLink(plan=plan, **{kind_of(subject).field: subject})
    link.updated_by = user
    return save_audited(user, link, INDICATOR_LINK_FIELDS, plan.organisation, values=values)
