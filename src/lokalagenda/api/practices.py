"""``GET /api/practices``: search the published practice library (JSON), ``GET /api/practices.csv``: the same
selection as CSV, ``GET /api/practices/{id}``: one practice. Drafts are visible to their organisation's
members only (or a token of the organisation with the ``read`` scope), as on the pages."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.decorators import decorate_view

from lokalagenda.api.auth import draft_read, visible
from lokalagenda.api.params import Bounded, GoalFilter, PracticeSearch, RowId, YearFilter
from lokalagenda.api.schemas import ErrorOut
from lokalagenda.core.cells import guard
from lokalagenda.practices.markdown import render as render_markdown
from lokalagenda.practices.models import Practice
from lokalagenda.practices.search import Filters, search
from lokalagenda.ui.ratelimit import search_rate_limited

router = Router(tags=["practices"])
CSV_COLUMNS = ["id", "title", "summary", "organisation", "kommuner", "fylker", "start_year", "end_year", "goals",
               "targets", "partners", "partner_kinds", "themes", "language", "status", "url"]


class PracticeOut(Schema):
    id: int
    title: str
    summary: str
    organisation: str
    kommuner: list[str]
    start_year: int
    end_year: int | None
    targets: list[str]
    goals: list[int]
    partners: list[dict[str, str]]
    themes: list[str]
    language: str
    status: str
    url: str


class PracticeDetailOut(PracticeOut):
    body_markdown: str
    body_html: str
    contact_name: str
    contact_email: str
    attachments: list[dict[str, Any]]


class PracticeSearchOut(Schema):
    total: int
    results: list[PracticeOut]
    facets: dict[str, list[tuple[Any, int]]]


def _practice(practice: Practice) -> dict[str, Any]:
    targets = list(practice.targets.all())
    return {
        "id": practice.pk, "title": practice.title, "summary": practice.summary,
        "organisation": practice.organisation.slug,
        "kommuner": [k.number for k in practice.kommuner.all()], "start_year": practice.start_year,
        "end_year": practice.end_year, "targets": [t.code for t in targets],
        "goals": sorted({t.goal_id for t in targets}),
        "partners": [{"name": p.name, "kind": p.kind} for p in practice.partners.all()],
        "themes": practice.themes, "language": practice.language, "status": practice.status,
        "url": f"/erfaringer/{practice.pk}/",
    }


def _selection(request: HttpRequest, q: str, filters: Filters, limit: int | None, offset: int = 0
               ) -> tuple[Any, list[Practice]]:
    result = search(visible(Practice.objects.all(), request), q, filters, with_facets=limit is not None)
    ids = result.ids[offset:offset + limit] if limit is not None else result.ids
    found = (Practice.objects.select_related("organisation")
             .prefetch_related("targets", "kommuner", "partners").in_bulk(ids))
    return result, [found[pk] for pk in ids]


@router.get("/practices", **draft_read({200: PracticeSearchOut, 429: ErrorOut}))
@decorate_view(search_rate_limited(json=True))
def list_practices(request: HttpRequest, q: PracticeSearch = "", goal: GoalFilter = None, target: str | None = None,
                   fylke: str | None = None, size: str | None = None, partner_kind: str | None = None,
                   year: YearFilter = None, limit: Bounded = 50, offset: Bounded = 0) -> dict[str, Any]:
    """Published practices matching ``q`` (Norwegian full-text: inflections, compounds, nynorsk) and the
    facets, best first, with facet counts. Up to ``limit`` (at most 200) from ``offset``."""
    filters = Filters(goal=goal, target=target, fylke=fylke, size=size, partner_kind=partner_kind, year=year)
    result, practices = _selection(request, q, filters, min(max(limit, 1), 200), max(offset, 0))
    return {"total": result.total, "results": [_practice(p) for p in practices], "facets": result.facets}


@router.get("/practices.csv", **draft_read({429: ErrorOut}, openapi_extra={"responses": {200: {
    "description": "CSV, UTF-8", "content": {"text/csv": {"schema": {"type": "string"}}}}}}))
@decorate_view(search_rate_limited(json=True))
def export_practices(request: HttpRequest, q: PracticeSearch = "", goal: GoalFilter = None, target: str | None = None,
                     fylke: str | None = None, size: str | None = None, partner_kind: str | None = None,
                     year: YearFilter = None) -> HttpResponse:
    """The same selection as ``/practices``, every match, as CSV (lists joined by '|'; text that starts like a
    spreadsheet formula gets a leading apostrophe, see :mod:`lokalagenda.core.cells`)."""
    filters = Filters(goal=goal, target=target, fylke=fylke, size=size, partner_kind=partner_kind, year=year)
    _, practices = _selection(request, q, filters, None)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for practice in practices:
        writer.writerow({key: guard(value) for key, value in _csv_row(_practice(practice)).items()})
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="lokalagenda_practices.csv"'
    return response


def _csv_row(row: dict[str, Any]) -> dict[str, Any]:
    """A practice's CSV cells: its JSON fields with the lists joined by '|'."""
    return {**{key: row.get(key, "") for key in CSV_COLUMNS},
            "kommuner": "|".join(row["kommuner"]),
            "fylker": "|".join(sorted({k[:2] for k in row["kommuner"]})),
            "goals": "|".join(map(str, row["goals"])), "targets": "|".join(row["targets"]),
            "partners": "|".join(p["name"] for p in row["partners"]),
            "partner_kinds": "|".join(sorted({p["kind"] for p in row["partners"]})),
            "themes": "|".join(row["themes"]), "end_year": row["end_year"] or ""}


@router.get("/practices/{practice_id}", **draft_read({200: PracticeDetailOut, 404: ErrorOut}))
def get_practice(request: HttpRequest, practice_id: RowId) -> dict[str, Any]:
    practice = get_object_or_404(visible(Practice.objects.select_related("organisation"), request),
                                 pk=practice_id)
    return {**_practice(practice), "body_markdown": practice.body, "body_html": str(render_markdown(practice.body)),
            "contact_name": practice.contact_name, "contact_email": practice.contact_email,
            "attachments": [{"title": a.title, "kind": a.kind, "size": a.size,
                             "url": f"/erfaringer/vedlegg/{a.pk}/"} for a in practice.attachments.all()]}
