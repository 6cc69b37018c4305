"""A kommune's or fylkeskommune's plans through the API: the register, and one plan with its documents, local goals,
actions (tiltak), target links and key results.

Published plans are public; drafts are visible to the organisation's own members (and to a token of the
organisation with the ``read`` scope) and are 404 to everyone else, as on the pages. A fylke without a fylkeskommune
(Oslo, 03) is 404. Reads only: plans are edited on the pages, where each write is checked and audited.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from lokalagenda.api.auth import draft_read, visible
from lokalagenda.api.params import RowId
from lokalagenda.api.schemas import ErrorOut
from lokalagenda.plans.access import place_of
from lokalagenda.plans.keyresults import KeyResult
from lokalagenda.plans.models import Plan, TargetLink
from lokalagenda.plans.outline import Part, plan_outline
from lokalagenda.plans.owners import owner_for

router = Router(tags=["plans"])


class PlanSummaryOut(Schema):
    id: int
    kind: str
    title: str
    start_year: int
    end_year: int | None
    status: str
    url: str
    published: bool


class TargetLinkOut(Schema):
    target: str
    origin: str
    score: float | None
    evidence: list[str]
    decided_at: datetime


class KeyResultOut(Schema):
    indicator: str
    start_value: float
    start_year: int
    target_value: float
    target_year: int
    current_value: float | None
    current_year: int | None
    percent: float | None
    complete: bool
    text: str


class DocumentOut(Schema):
    id: int
    name: str
    file_type: str
    size: int
    targets: list[TargetLinkOut]


class ActionOut(Schema):
    id: int
    title: str
    description: str
    responsible_unit: str
    budget_nok: Decimal | None
    start_date: date | None
    end_date: date | None
    status: str
    targets: list[TargetLinkOut]
    key_results: list[KeyResultOut]


class LocalGoalOut(Schema):
    id: int
    title: str
    description: str
    targets: list[TargetLinkOut]
    key_results: list[KeyResultOut]
    actions: list[ActionOut]


class PlanBodyOut(PlanSummaryOut):
    documents: list[DocumentOut]
    goals: list[LocalGoalOut]


class PlanOut(PlanBodyOut):
    kommune: str


class FylkePlanOut(PlanBodyOut):
    fylke: str


PLAN_FIELDS = ("id", "kind", "title", "start_year", "end_year", "status", "url", "published")
ACTION_FIELDS = ("id", "title", "description", "responsible_unit", "budget_nok", "start_date", "end_date", "status")


def _links(links: list[TargetLink]) -> list[dict]:
    return [{"target": link.target_id, "origin": link.origin, "score": link.score, "evidence": link.evidence,
             "decided_at": link.decided_at} for link in links]


def _key_result(result: KeyResult) -> dict:
    link = result.link
    return {"indicator": link.indicator_id, "start_value": link.start_value, "start_year": link.start_year,
            "target_value": link.target_value, "target_year": link.target_year,
            "current_value": result.current.value if result.current else None,
            "current_year": result.current.year if result.current else None,
            "percent": result.percent, "complete": result.complete, "text": result.text}


def _part(part: Part, fields: tuple[str, ...]) -> dict:
    return {**{name: getattr(part.subject, name) for name in fields}, "targets": _links(part.links),
            "key_results": [_key_result(result) for result in part.key_results]}


def _visible_plans(request: HttpRequest, place_kind: str, number: str) -> QuerySet[Plan]:
    """The plans of the kommune or fylkeskommune the visitor may see; Http404 for a place without one."""
    owner = owner_for(place_kind, number)
    return visible(Plan.objects.all(), request).filter(organisation=owner.organisation)


def _summaries(plans: QuerySet[Plan]) -> list[dict]:
    return [{name: getattr(plan, name) for name in PLAN_FIELDS} for plan in plans]


def _plan_body(plans: QuerySet[Plan], plan_id: int) -> dict:
    plan = get_object_or_404(plans.select_related("organisation"), id=plan_id)
    outline = plan_outline(plan, place_of(plan.organisation))
    return {
        **{name: getattr(plan, name) for name in PLAN_FIELDS},
        "documents": [{"id": part.subject.id, "name": part.subject.original_name,
                       "file_type": part.subject.file_type, "size": part.subject.size,
                       "targets": _links(part.links)} for part in outline.documents],
        "goals": [{**_part(goal, ("id", "title", "description")),
                   "actions": [_part(action, ACTION_FIELDS) for action in goal.actions]} for goal in outline.goals],
    }


@router.get("/kommuner/{number}/plans", **draft_read({200: list[PlanSummaryOut], 404: ErrorOut}))
def list_plans(request: HttpRequest, number: str) -> list[dict]:
    """A kommune's plan register: published plans, and drafts for the kommune's members."""
    return _summaries(_visible_plans(request, "kommune", number))


@router.get("/kommuner/{number}/plans/{plan_id}", **draft_read({200: PlanOut, 404: ErrorOut}))
def get_plan(request: HttpRequest, number: str, plan_id: RowId) -> dict:
    """One plan with its documents, local goals and actions, their accepted target links and key results."""
    return {**_plan_body(_visible_plans(request, "kommune", number), plan_id), "kommune": number}


@router.get("/fylker/{number}/plans", **draft_read({200: list[PlanSummaryOut], 404: ErrorOut}))
def list_fylke_plans(request: HttpRequest, number: str) -> list[dict]:
    """A fylkeskommune's plan register: published plans, and drafts for its members (404 for Oslo, 03)."""
    return _summaries(_visible_plans(request, "fylke", number))


@router.get("/fylker/{number}/plans/{plan_id}", **draft_read({200: FylkePlanOut, 404: ErrorOut}))
def get_fylke_plan(request: HttpRequest, number: str, plan_id: RowId) -> dict:
    """One plan of a fylkeskommune with its documents, local goals and actions, target links and key results."""
    return {**_plan_body(_visible_plans(request, "fylke", number), plan_id), "fylke": number}
