"""Writing indicator values through the API, with a token (``Authorization: Bearer prefix.secret``).

The rows go through the same checks as an uploaded file: all or nothing, every problem reported with its row,
the token's organisation may only write the indicators it owns (national: the national and international sets).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from lokalagenda.accounts.models import ApiToken
from lokalagenda.api.auth import TokenAuth
from lokalagenda.api.errors import InvalidInput, field_error, validation_body
from lokalagenda.api.params import FiniteFloat, Year, YearFilter, max_length_of
from lokalagenda.api.schemas import ErrorOut, ObservationOut, ValidationErrorOut
from lokalagenda.core.imports import prepare
from lokalagenda.core.observations import ReadResult, normalise
from lokalagenda.indicators.models import ImportJob, Indicator, Observation
from lokalagenda.indicators.services import code_history, current_catalogue, store
from lokalagenda.indicators.uploads.services import permission_problems

router = Router(tags=["indicators"])


class ObservationIn(Schema):
    """One row, bounded like the columns it is stored in; then checked like a row of an imported file."""

    indicator: str = Field(max_length=max_length_of(Indicator, "id"))
    place: str = Field(max_length=max_length_of(Observation, "place"))
    year: Year
    value: FiniteFloat | None = None
    disaggregation: str = Field("", max_length=max_length_of(Observation, "disaggregation"))
    unit: str = Field("", max_length=max_length_of(Observation, "unit"))
    flag: str = Field("", max_length=max_length_of(Observation, "flag"))


class ObservationsIn(Schema):
    source: str = Field(max_length=max_length_of(ImportJob, "original_name"),
                        description="Where the values come from, as long as an uploaded file's name may be.")
    rows: list[ObservationIn]


class ProblemOut(Schema):
    row: int | None
    column: str | None
    message: str


class WriteReportOut(Schema):
    rows: int
    revisions: list[dict[str, Any]]
    unmapped: list[dict[str, Any]]


class ProblemsOut(ErrorOut):
    problems: list[ProblemOut]


class RowProblemsOut(ValidationErrorOut):
    """A 422 of a write: the shape of every 422, and (when the rows validated but their values did not pass the
    import's checks) the problems as an upload lists them, rows counted from 1. ``errors`` names the same problems
    by ``loc`` (``["body", "rows", 0, "year"]``)."""

    problems: list[ProblemOut] = []


@router.get("/observations", response=list[ObservationOut])
def list_observations(request: HttpRequest, indicator: str | None = None, place: str | None = None,
                      year_from: YearFilter = None, year_to: YearFilter = None) -> list[dict]:
    """Observations filtered by indicator, place (kommunenummer, fylkesnummer or 0) and period.

    Give an indicator or a place: the whole store is too large for one answer.
    """
    if not indicator and not place:
        raise InvalidInput("Give an indicator, a place or both.", ["query"], "missing")
    observations = Observation.objects.select_related("revision").selection(indicator, place, year_from, year_to)
    return [{"indicator": o.indicator_id, "place": o.place, "year": o.year, "disaggregation": o.disaggregation,
             "value": o.value, "unit": o.unit, "flag": o.flag, "revision": o.revision.number,
             "source": o.revision.source} for o in observations.order_by("indicator_id", "place", "year")]


@router.post("/observations", auth=TokenAuth(), response={200: WriteReportOut, 403: ProblemsOut,
                                                                           422: RowProblemsOut})
def write_observations(request: HttpRequest, payload: ObservationsIn) -> Any:
    """Import rows of indicator values as new revisions. Row numbers in problems count from 1."""
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    if ApiToken.Scope.WRITE_OBSERVATIONS not in token.scopes:
        return Status(403, {"detail": "This token may not write indicator values.", "problems": []})
    frame = pd.DataFrame([row.dict() for row in payload.rows],
                         columns=["indicator", "place", "year", "value", "disaggregation", "unit", "flag"])
    frame["source_row"] = range(1, len(frame) + 1)
    prepared = prepare(ReadResult(normalise(frame)), file=payload.source, catalogue=current_catalogue(),
                       history=code_history())
    problems = prepared.problems + permission_problems(prepared, token.organisation, payload.source)
    if problems:
        shown = problems[:50]
        return Status(422, validation_body(
            f"{len(problems)} problem(s); nothing was imported.",
            [field_error(_row_loc(p.row, p.column), p.message, "row_problem") for p in shown],
            problems=[{"row": p.row, "column": p.column, "message": p.message} for p in shown]))
    report = store(prepared, source=payload.source, user=token.user)
    if not report.revisions:
        raise InvalidInput("No rows.", ["body", "rows"], "too_short")
    return {"rows": report.rows, "revisions": [vars(r) for r in report.revisions],
            "unmapped": [vars(u) for u in report.unmapped]}


def _row_loc(row: int | None, column: str | None) -> list[str | int]:
    """Where a problem is in the body: row 1 is ``rows[0]``; a problem of no row (the token's rights) is ``rows``."""
    loc: list[str | int] = ["body", "rows"]
    if row is not None:
        loc.append(row - 1)
        if column:
            loc.append(column)
    return loc
