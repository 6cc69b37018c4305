"""``GET /api/export``: a selection of observations as a file (CSV, Excel, JSON-stat 2.0 or Open SDG), the same
download as the page ``/indikatorer/eksport/``."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router
from ninja.errors import HttpError

from lokalagenda.api.errors import InvalidInput
from lokalagenda.api.params import YearFilter
from lokalagenda.api.schemas import ErrorOut
from lokalagenda.core.exports import export_formats, writer_for
from lokalagenda.indicators.exports import ExportQuery, ExportRefused, attachment, make_download

router = Router(tags=["indicators"])


def _file_responses() -> dict[str, Any]:
    """The 200 answer of the OpenAPI document: one binary file per media type a format is written as."""
    media_types = dict.fromkeys(writer_for(name).media_type for name in export_formats())
    file = {"schema": {"type": "string", "format": "binary"}}
    return {"responses": {200: {
        "description": "The file, as an attachment (Content-Disposition names it, e.g. lokalagenda_POP_TOTAL.csv)",
        "content": {media_type: file for media_type in media_types},
    }}}


@router.get("/export", response={404: ErrorOut}, openapi_extra=_file_responses())
def export(request: HttpRequest, indicator: str | None = None, place: str | None = None,
           year_from: YearFilter = None, year_to: YearFilter = None,
           format: str = Query("csv", description=f"The file format: {', '.join(export_formats())}"),
           ) -> HttpResponse:
    """Observations filtered by indicator, place (kommunenummer, fylkesnummer or 0) and period, as a file.

    ``format`` is ``csv`` (tidy table with each row's source), ``xlsx`` (Excel), ``jsonstat`` (JSON-stat 2.0
    dataset) or ``opensdg`` (Open SDG data CSV; one indicator only). Give an indicator, a place or both.
    """
    query = ExportQuery(indicator=indicator, place=place, year_from=year_from, year_to=year_to, format=format)
    try:
        return attachment(make_download(query))
    except ExportRefused as refusal:
        if refusal.not_found:
            raise HttpError(404, refusal.message) from refusal
        raise InvalidInput(refusal.message, ["query"]) from refusal
