"""Finding the plan, goal, action or document a request is about, with the tenancy rules applied.

Reads go through ``visible_to`` (drafts are 404 to everyone outside the organisation). Writes check the editing
right on the organisation first, so another organisation's editor gets 403 whether the plan is a draft or not.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from lokalagenda.accounts.models import Organisation
from lokalagenda.accounts.permissions import can_edit
from lokalagenda.plans.models import Plan
from lokalagenda.plans.subjects import SUBJECTS, SubjectKind, plan_of


def organisation_for(number: str) -> Organisation:
    return get_object_or_404(Organisation.objects.select_related("kommune"), kommune__number=number)


def place_of(organisation: Organisation) -> str:
    """The place code the organisation's statistics are stored under (kommunenummer or fylkesnummer)."""
    return organisation.kommune_id or organisation.fylke_id or ""


def editable_organisation(request: HttpRequest, number: str) -> Organisation:
    organisation = organisation_for(number)
    if not can_edit(request.user, organisation):
        raise PermissionDenied
    return organisation


def readable_plan(request: HttpRequest, number: str, plan_id: int) -> Plan:
    plans = Plan.objects.visible_to(request.user).select_related("organisation__kommune")
    return get_object_or_404(plans, organisation__kommune__number=number, id=plan_id)


def editable_plan(request: HttpRequest, number: str, plan_id: int) -> Plan:
    organisation = editable_organisation(request, number)
    return get_object_or_404(Plan.objects.select_related("organisation__kommune"), organisation=organisation,
                             id=plan_id)


def subject_kind(slug: str) -> SubjectKind:
    kind = SUBJECTS.get(slug)
    if kind is None:
        raise Http404
    return kind


def subject_in(plan: Plan, slug: str, pk: int) -> Any:
    """The goal, action or document ``pk`` of kind ``slug``, which must belong to ``plan``."""
    subject = get_object_or_404(subject_kind(slug).model, pk=pk)
    if plan_of(subject).pk != plan.pk:
        raise Http404
    return subject
