"""Finding the owner, plan, goal, action or document a request is about, with the tenancy rules applied.

The owner (a kommune or a fylkeskommune) comes from the URL through ``plans.owners``. Reads go through
``visible_to`` (drafts are 404 to everyone outside the organisation). Writes check the editing right on the
organisation first, so another organisation's editor gets 403 whether the plan is a draft or not.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from lokalagenda.accounts.models import Organisation
from lokalagenda.accounts.permissions import require_editor
from lokalagenda.places.place import Place
from lokalagenda.plans.models import Plan
from lokalagenda.plans.owners import owner_for
from lokalagenda.plans.subjects import SUBJECTS, SubjectKind, plan_of


def place_of(organisation: Organisation) -> str:
    """The place code the organisation's statistics are stored under (kommunenummer or fylkesnummer)."""
    return organisation.kommune_id or organisation.fylke_id or ""


def editable_owner(request: HttpRequest, place_kind: str, number: str) -> Place:
    """The owner at the URL, when the user may edit its plans (403 otherwise, 404 for an unknown place)."""
    owner = owner_for(place_kind, number)
    require_editor(request.user, owner.organisation)
    return owner


def readable_plan(request: HttpRequest, owner: Place, plan_id: int) -> Plan:
    plans = Plan.objects.visible_to(request.user).select_related("organisation")
    return get_object_or_404(plans, organisation=owner.organisation, id=plan_id)


def editable_plan(request: HttpRequest, place_kind: str, number: str, plan_id: int) -> tuple[Place, Plan]:
    """The owner and its plan ``plan_id``, for an editor of the owner (403 for anyone else, whatever the plan)."""
    owner = editable_owner(request, place_kind, number)
    plan = get_object_or_404(Plan.objects.select_related("organisation"), organisation=owner.organisation,
                             id=plan_id)
    return owner, plan


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
