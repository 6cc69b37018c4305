"""``/api/partners`` and ``/api/partnerships``: partners and partnerships (SDG 17) as JSON or CSV.

Partners are public. Partnerships are public once published; members of the owning organisation (and a token of
the organisation with the ``read`` scope) also see its drafts. The CSV answers hold the same rows as the JSON ones,
with lists joined by semicolons.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from lokalagenda.api.auth import draft_read, visible
from lokalagenda.api.params import GoalFilter, RowId
from lokalagenda.api.schemas import ErrorOut
from lokalagenda.partnerships.exports import (
    PARTNER_COLUMNS,
    PARTNERSHIP_COLUMNS,
    partner_row,
    partnership_row,
    to_csv,
)
from lokalagenda.partnerships.models import Partner, Partnership
from lokalagenda.partnerships.querysets import PartnershipQuerySet

router = Router(tags=["partnerships"])
CSV_RESPONSE = {"responses": {200: {"description": "A CSV file (UTF-8, comma separated, header row)",
                                    "content": {"text/csv": {"schema": {"type": "string"}}}}}}


class PartnerOut(Schema):
    id: int
    name: str
    kind: str
    organisation_number: str
    website: str
    description: str


class PartnershipOut(Schema):
    id: int
    title: str
    description: str
    owner: str
    owner_kommune: str | None
    kommuner: list[str]
    partners: list[int]
    partner_kinds: list[str]
    targets: list[str]
    goals: list[int]
    actions: list[int]
    start_year: int | None
    end_year: int | None
    status: str
    published: bool


def _csv(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _partners(kind: str | None) -> list[dict]:
    partners = Partner.objects.all() if not kind else Partner.objects.filter(kind=kind)
    return [partner_row(partner) for partner in partners]


def _partnerships(request: HttpRequest, kommune: str | None, goal: int | None, kind: str | None,
                  status: str | None) -> PartnershipQuerySet:
    rows = visible(Partnership.objects.all(), request).filtered(kommune=kommune, goal=goal, kind=kind,
                                                                 status=status)
    return rows.select_related("organisation").prefetch_related("partners", "targets", "kommuner", "actions")


@router.get("/partners", response=list[PartnerOut])
def list_partners(request: HttpRequest, kind: str | None = None) -> list[dict]:
    """Every partner, or those of one kind (business, academia, civil_society, public_agency, residents_group)."""
    return _partners(kind)


@router.get("/partners.csv", openapi_extra=CSV_RESPONSE)
def partners_csv(request: HttpRequest, kind: str | None = None) -> HttpResponse:
    return _csv(to_csv(_partners(kind), PARTNER_COLUMNS), "lokalagenda_partners.csv")


@router.get("/partners/{partner_id}", response={200: PartnerOut, 404: ErrorOut})
def get_partner(request: HttpRequest, partner_id: RowId) -> dict:
    return partner_row(get_object_or_404(Partner, id=partner_id))


@router.get("/partnerships", **draft_read({200: list[PartnershipOut]}))
def list_partnerships(request: HttpRequest, kommune: str | None = None, goal: GoalFilter = None,
                      kind: str | None = None, status: str | None = None) -> list[dict]:
    """Partnerships a kommune owns or takes part in, on a goal, with a kind of partner, or in a status."""
    return [partnership_row(row) for row in _partnerships(request, kommune, goal, kind, status)]


@router.get("/partnerships.csv", **draft_read(openapi_extra=CSV_RESPONSE))
def partnerships_csv(request: HttpRequest, kommune: str | None = None, goal: GoalFilter = None,
                     kind: str | None = None, status: str | None = None) -> HttpResponse:
    rows = (partnership_row(row) for row in _partnerships(request, kommune, goal, kind, status))
    return _csv(to_csv(rows, PARTNERSHIP_COLUMNS), "lokalagenda_partnerships.csv")


@router.get("/partnerships/{partnership_id}", **draft_read({200: PartnershipOut, 404: ErrorOut}))
def get_partnership(request: HttpRequest, partnership_id: RowId) -> dict:
    return partnership_row(get_object_or_404(_partnerships(request, None, None, None, None), id=partnership_id))
