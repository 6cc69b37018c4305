"""Every write of a political decision: an editor of the organisation records that one of its bodies adopted a
subject (the materiality assessment, the priorities, a plan or the VLR), corrects the record, or deletes it.

Only editors of the organisation may (``require_editor``); each write is audited and runs in one transaction.
A decision keeps the fingerprint of what it adopted (``decisions.subjects``), taken when it is recorded, so pages
can mark the subject as changed since. Correcting a record keeps that fingerprint unless it now names another
subject or plan: the council adopted the content as it was then.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lokalagenda.accounts.models import Organisation
from lokalagenda.accounts.permissions import require_editor
from lokalagenda.accounts.services import audit, save_audited, snapshot
from lokalagenda.decisions import subjects
from lokalagenda.decisions.models import Body, Decision, Subject
from lokalagenda.materiality.models import AssessmentVersion
from lokalagenda.plans.models import Plan, Priorities

#: The fields a decision's audit entries record.
DECISION_FIELDS = ["subject", "plan", "assessment_version", "body", "body_name", "decided_on", "case_number", "text",
                   "record_url", "fingerprint"]

#: The bodies that decide for each kind of organisation (kommuneloven § 5-1: kommunestyret and formannskapet in a
#: kommune, fylkestinget and fylkesutvalget in a fylkeskommune, and the committees, utvalg, of either).
BODIES: dict[str, tuple[str, ...]] = {
    Organisation.Kind.KOMMUNE: (Body.KOMMUNESTYRET, Body.FORMANNSKAPET, Body.UTVALG),
    Organisation.Kind.FYLKESKOMMUNE: (Body.FYLKESTINGET, Body.FYLKESUTVALGET, Body.UTVALG),
}


def bodies_for(organisation: Organisation) -> tuple[str, ...]:
    """The bodies whose decisions the organisation can record (none for an organisation that is no kommune or
    fylkeskommune)."""
    return BODIES.get(organisation.kind, ())


def _refuse_unless_editor(user: Any, organisation: Organisation) -> None:
    require_editor(user, organisation, _("Only editors of {organisation} can record its political decisions.")
                   .format(organisation=organisation))
    if not bodies_for(organisation):
        raise ValidationError(_("Only a kommune or a fylkeskommune records political decisions; {organisation} is "
                                "neither.").format(organisation=organisation))


def _check_body(organisation: Organisation, body: str, body_name: str) -> str:
    """The committee's name to store: required for an utvalg, dropped for the other bodies."""
    allowed = bodies_for(organisation)
    if body not in allowed:
        names = ", ".join(str(Body(value).label) for value in allowed)
        raise ValidationError({"body": _("{organisation} decides in one of: {names}.").format(
            organisation=organisation, names=names)})
    if body == Body.UTVALG and not body_name.strip():
        raise ValidationError({"body_name": _("Name the committee (utvalg) that made the decision.")})
    return body_name.strip() if body == Body.UTVALG else ""


def _check_plan(organisation: Organisation, subject: str, plan: Plan | None) -> Plan | None:
    """The plan a plan decision adopted (it must be the organisation's); None for the other subjects."""
    if subject != Subject.PLAN:
        return None
    if plan is None:
        raise ValidationError({"plan": _("Choose the plan that was adopted.")})
    if plan.organisation_id != organisation.pk:
        raise PermissionDenied(_("The plan belongs to another organisation."))
    if not plan.published:
        raise ValidationError({"plan": _("Publish the plan before recording the decision that adopted it: a "
                                         "decision is public.")})
    return plan


NOTHING_TO_ADOPT = {
    Subject.ASSESSMENT: gettext_lazy("The materiality assessment has no published version yet: publish it before "
                                     "recording the decision that adopted it."),
    Subject.PRIORITIES: gettext_lazy("{organisation} has no published priorities: publish them before recording the "
                                     "decision that adopted them."),
    Subject.PLAN: gettext_lazy("Choose the plan that was adopted."),
    Subject.VLR: gettext_lazy("There is no Voluntary Local Review of {organisation} yet: it needs a measurement run "
                              "first."),
}
"""Why a subject cannot be adopted yet, by subject."""


def _fingerprint(organisation: Organisation, subject: str, plan: Plan | None) -> str:
    """The fingerprint of the subject's content now; a ValidationError in words when there is nothing to adopt."""
    if subject not in Subject.values or not subjects.is_registered(subject):
        raise ValidationError({"subject": _("Choose what was adopted: {choices}.").format(
            choices=", ".join(str(label) for label in Subject.labels))})
    fingerprint = subjects.current_fingerprint(subject, organisation, plan)
    if subject == Subject.PRIORITIES and not Priorities.objects.filter(organisation=organisation,
                                                                       published=True).exists():
        fingerprint = None  # draft priorities are not public, and a decision is
    if fingerprint is None:
        raise ValidationError({"subject": str(NOTHING_TO_ADOPT[subject]).format(organisation=organisation)})
    return fingerprint


def _check_date(decided_on: datetime.date) -> datetime.date:
    if decided_on > timezone.localdate():
        raise ValidationError({"decided_on": _("The date of the decision cannot be in the future.")})
    return decided_on


def _values(organisation: Organisation, *, subject: str, plan: Plan | None, body: str, body_name: str,
            decided_on: datetime.date, case_number: str, text: str, record_url: str) -> dict[str, Any]:
    """The checked fields of a decision, without its fingerprint and assessment version."""
    return {"subject": subject, "plan": _check_plan(organisation, subject, plan),
            "body": body, "body_name": _check_body(organisation, body, body_name or ""),
            "decided_on": _check_date(decided_on), "case_number": case_number, "text": text,
            "record_url": record_url or ""}


def _adopted(organisation: Organisation, values: dict[str, Any]) -> dict[str, Any]:
    """What the decision adopted: the fingerprint of the subject now and, for an assessment, its latest version."""
    subject = values["subject"]
    version = AssessmentVersion.objects.latest_for(organisation) if subject == Subject.ASSESSMENT else None
    return {"fingerprint": _fingerprint(organisation, subject, values["plan"]), "assessment_version": version}


@transaction.atomic
def record_decision(organisation: Organisation, user: Any, *, subject: str, plan: Plan | None = None, body: str,
                    body_name: str = "", decided_on: datetime.date, case_number: str, text: str,
                    record_url: str = "") -> Decision:
    """Record that ``body`` of the organisation adopted ``subject`` on ``decided_on`` in case ``case_number``.

    Refuses anyone but the organisation's editors (PermissionDenied), and a subject with nothing to adopt, a body
    the organisation does not have or a date in the future (ValidationError naming the field).
    """
    _refuse_unless_editor(user, organisation)
    values = _values(organisation, subject=subject, plan=plan, body=body, body_name=body_name,
                     decided_on=decided_on, case_number=case_number, text=text, record_url=record_url)
    values.update(_adopted(organisation, values), created_by=user)
    return save_audited(user, Decision(organisation=organisation), DECISION_FIELDS, organisation, values=values)


@transaction.atomic
def change_decision(decision: Decision, user: Any, *, subject: str, plan: Plan | None = None, body: str,
                    body_name: str = "", decided_on: datetime.date, case_number: str, text: str,
                    record_url: str = "") -> Decision:
    """Correct a recorded decision. It keeps the fingerprint it was recorded with unless it now names another
    subject or plan, which is then fingerprinted as it is now."""
    organisation = decision.organisation
    _refuse_unless_editor(user, organisation)
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    values = _values(organisation, subject=subject, plan=plan, body=body, body_name=body_name,
                     decided_on=decided_on, case_number=case_number, text=text, record_url=record_url)
    plan_id = values["plan"].pk if values["plan"] is not None else None
    if (values["subject"], plan_id) != (decision.subject, decision.plan_id):
        values.update(_adopted(organisation, values))
    return save_audited(user, decision, DECISION_FIELDS, organisation, values=values)


@transaction.atomic
def delete_decision(decision: Decision, user: Any) -> None:
    """Delete a recorded decision (audited with what it said)."""
    organisation = decision.organisation
    _refuse_unless_editor(user, organisation)
    before = snapshot(decision, DECISION_FIELDS)
    audit(user, "delete", decision, before, None, organisation=organisation)
    decision.delete()
