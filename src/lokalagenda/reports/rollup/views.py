"""The national roll-up page ``/nasjonalt/rapport/`` and its downloads (Excel, CSV, JSON).

Public: the roll-up reads only stored results and published plans. The page is cached for anonymous visitors.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from lokalagenda.reports.rollup.build import NoCompleteRun, build_rollup
from lokalagenda.reports.rollup.chart_data import rollup_chart_downloads
from lokalagenda.reports.rollup.exports import FORMATS, RollupExportError, export_rollup
from lokalagenda.reports.rollup.page import rollup_page
from lokalagenda.reports.rollup.tables import rollup_tables
from lokalagenda.ui.caching import cached_for_anonymous
from lokalagenda.ui.language import active_language


@cached_for_anonymous(params=("mal",))
def rollup(request: HttpRequest) -> HttpResponse:
    """The roll-up: status per goal across kommuner, a map of one goal (``?mal=``), breakdowns, target coverage,
    the least addressed targets, and the downloads."""
    try:
        built = build_rollup(language=active_language())
    except NoCompleteRun:
        return render(request, "reports/rollup.html", {"page": None})
    tables = [(table.name, table.title) for table in rollup_tables(built)]
    page = rollup_page(built, request.GET.get("mal", ""))
    return render(request, "reports/rollup.html", {
        "page": page, "formats": list(FORMATS), "tables": tables, "chart_downloads": rollup_chart_downloads(page.goal)})


def rollup_download(request: HttpRequest, format_name: str) -> HttpResponse:
    """The roll-up as ``xlsx``, ``csv`` (a zip of every table, or one table with ``?tabell=``) or ``json``."""
    try:
        exported = export_rollup(build_rollup(language=active_language()), format_name,
                                 table=request.GET.get("tabell") or None)
    except NoCompleteRun:
        return HttpResponse(_("No measurement run has finished yet, so there is no roll-up to download."),
                            status=404, content_type="text/plain; charset=utf-8")
    except RollupExportError as error:
        return HttpResponse(str(error), status=404, content_type="text/plain; charset=utf-8")
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    return response
