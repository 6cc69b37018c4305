"""``GET /api/rollup``: the national roll-up as one JSON document, the same as the JSON download of
``/nasjonalt/rapport/`` (metadata, sources, and every table with its documented columns and rows, the published
materiality assessments and the decisions adopting SDG priorities among them)."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from lokalagenda.api.schemas import ErrorOut
from lokalagenda.reports.rollup.build import NoCompleteRun, build_rollup
from lokalagenda.reports.rollup.exports import RollupExportError, rollup_document, select_tables
from lokalagenda.reports.rollup.tables import rollup_tables

router = Router(tags=["reports"])


class RollupColumnOut(Schema):
    name: str
    kind: str = Field(description="text, integer, decimal or share (a fraction 0–1)")
    description: str


class RollupTableOut(Schema):
    title: str
    columns: list[RollupColumnOut]
    rows: list[dict[str, Any]]


class RollupOut(Schema):
    metadata: dict[str, Any] = Field(description="run id and time, method versions, data fingerprint, generated "
                                                 "at, language, licence, what the goal colours compare "
                                                 "(comparison: relative, absolute, mixed or none) and the "
                                                 "legend sentence that says it (colour_legend), and how many "
                                                 "kommuner and fylkeskommuner have a published materiality "
                                                 "assessment (published_assessments_kommuner, "
                                                 "published_assessments_fylkeskommuner) and have adopted SDG "
                                                 "priorities (adopted_priorities_kommuner, "
                                                 "adopted_priorities_fylkeskommuner)")
    sources: list[str]
    tables: dict[str, RollupTableOut] = Field(description="goals, goals_by_size, goals_by_fylke, "
                                                          "goals_by_network, (goals_by_kostra,) targets, "
                                                          "least_addressed, kommune_goals, materiality_groups, "
                                                          "materiality_targets, adoptions, adoptions_by_year "
                                                          "(published materiality assessments only; decisions "
                                                          "adopting SDG priorities)")


@router.get("/rollup", response={200: RollupOut, 404: ErrorOut})
def get_rollup(request: HttpRequest, language: Literal["nb", "nn", "en"] = "nb",
               table: str | None = None) -> dict[str, Any]:
    """The national roll-up of every kommune's dashboard and published plans, from the last complete run; with
    ``table`` only that table. 404 before the first complete measurement run or for an unknown table."""
    try:
        rollup = build_rollup(language=language)
    except NoCompleteRun as error:
        raise HttpError(404, str(error)) from error
    try:
        tables = select_tables(rollup_tables(rollup), table)
    except RollupExportError as error:
        raise HttpError(404, str(error)) from error
    return rollup_document(rollup, tables)
