"""The data downloads of the measurement pages' charts (see :mod:`lokalagenda.indicators.exports`).

Each provider reads the chart's state from the GET parameters of its download (the page's own state: kommune,
indicator, compared kommuner, goal) and builds the chart's numbers from the same named reads the page uses
(:mod:`lokalagenda.measurement.comparisons`), so the file holds what the chart draws.

An indicator's figures carry its publisher's attribution and licence from the catalogue
(:func:`~lokalagenda.indicators.attribution.attribution_of`); goal scores and statuses are Lokalagenda's own
results, published under :data:`~lokalagenda.measurement.labels.LICENCE_OF_RESULTS` (the roll-up's licence too).
"""

from __future__ import annotations

import math
from typing import Any

from django.db.models import QuerySet
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lokalagenda.core.exports import ChartTable
from lokalagenda.framework.models import Goal
from lokalagenda.indicators.attribution import attribution_of
from lokalagenda.indicators.exports import (
    ChartDataRefused,
    ChartDownloads,
    chart_downloads,
    file_stem,
    register_chart,
)
from lokalagenda.indicators.models import Indicator
from lokalagenda.measurement.charts import interval_rows
from lokalagenda.measurement.comparisons import (
    MAX_COMPARED,
    ComparisonError,
    KommuneIndicator,
    comparison,
    kommune_indicator,
    national_overview,
    parse_comparison,
)
from lokalagenda.measurement.coverage import goal_coverage
from lokalagenda.measurement.labels import COLOURS, LICENCE_OF_RESULTS, TRENDS
from lokalagenda.measurement.models import MeasurementRun
from lokalagenda.places.models import Kommune
from lokalagenda.ui.language import active_language

#: The words of the file name for each chart of the kommune-indicator page.
INDICATOR_CHARTS = {"series": "utvikling", "map": "kart", "distribution": "fordeling"}
#: The line chart's series as columns of its file: the kommune's value, then its peer groups' medians.
SERIES_COLUMNS = {"kommune": "value", "size": "median_size_class", "fylke": "median_fylke",
                  "country": "median_country", "kostra": "median_kostra_group",
                  "similar": "median_similar_kommuner"}


def _found(queryset: QuerySet[Any], message: str, **lookup: str) -> Any:
    """The one object the download names, or a refusal saying what was not found."""
    found = queryset.filter(**lookup).first()
    if found is None:
        raise ChartDataRefused(message, not_found=True)
    return found


def _page(params: QueryDict) -> KommuneIndicator:
    """The kommune-indicator page a download names with ``?kommune=…&indikator=…``."""
    number, indicator_id = params.get("kommune", ""), params.get("indikator", "")
    kommune = _found(Kommune.objects.select_related("fylke"),
                     _("No kommune has the number %(numbers)s.") % {"numbers": number or "–"}, number=number)
    indicator = _found(Indicator.objects.all(), _("There is no indicator “%(indicator)s” in the catalogue.")
                       % {"indicator": indicator_id or "–"}, id=indicator_id)
    return kommune_indicator(kommune, indicator)


def indicator_attribution(indicator: Indicator) -> tuple[str, str]:
    """The source and licence an indicator's figures are written with: publisher and table; the licences (or
    the recorded text, with a note when it is not confirmed)."""
    attribution = attribution_of(indicator)
    source = ", ".join(part for part in (attribution.publisher, _("table %(table)s") % {"table": attribution.table}
                                         if attribution.table else "", attribution.table_url) if part)
    names = " / ".join(licence.name for licence in attribution.licences) or attribution.licence_note
    licence = names if attribution.confirmed else f"{names} ({_('licence not confirmed')})".strip()
    return source or indicator.source_url, licence


def indicator_chart_stem(page: KommuneIndicator, chart: str) -> str:
    """``bergen-4601-indikator-VAX_MEASLES_AGE2-utvikling-2018``: what, where and the latest year."""
    return file_stem(page.kommune.name, page.kommune.number, "indikator", page.indicator.id,
                     INDICATOR_CHARTS[chart], page.latest_year or "")


def indicator_chart_downloads(page: KommuneIndicator) -> dict[str, ChartDownloads]:
    """The data links and image file names of the kommune-indicator page's charts, by chart."""
    params = {"kommune": page.kommune.number, "indikator": page.indicator.id}
    return {chart: chart_downloads(f"kommune-indicator-{chart}", params, indicator_chart_stem(page, chart))
            for chart in INDICATOR_CHARTS}


def _indicator_table(page: KommuneIndicator, chart: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]],
                     labels: dict[str, str]) -> ChartTable:
    source, licence = indicator_attribution(page.indicator)
    title = page.indicator.title_in(active_language())
    return ChartTable(
        columns=columns, rows=rows, source=source, licence=licence, stem=indicator_chart_stem(page, chart),
        labels={**labels, "source": _("Source"), "licence": _("Licence")},
        about={"title": f"{title} – {page.kommune.name}",
               "page": reverse("measurement:kommune-indicator", args=[page.kommune.number, page.indicator.id]),
               "unit": page.indicator.unit_label})


def _number(value: Any) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)


def series_names(page: KommuneIndicator) -> dict[str, str]:
    """The lines of the indicator page's chart and table by key: the kommune and its peer groups' medians."""
    size = page.place_result.size_class if page.place_result and page.place_result.size_class else "–"
    names = {"kommune": page.kommune.name,
             "size": _("Median of kommuner with %(size)s residents") % {"size": size},
             "fylke": _("Median of kommuner in %(fylke)s") % {"fylke": page.kommune.fylke.name},
             "country": _("Median of all kommuner")}
    if page.kostra_group is not None:
        names["kostra"] = _("Median of KOSTRA group %(code)s") % {"code": page.kostra_group.code}
    if page.similar_group is not None:
        count = len(page.similar_group.members)
        names["similar"] = ngettext("Median of the %(count)s most similar kommune",
                                    "Median of the %(count)s most similar kommuner", count) % {"count": count}
    return names


def series_table(page: KommuneIndicator) -> list[dict[str, Any]]:
    """The kommune's and its peers' values by year; a year the publisher gave no value for the kommune keeps
    the publisher's reason (``flag``), also where no kommune has a value that year."""
    sources = {obs.year: obs.revision.source for obs in page.observations}
    flags = {obs.year: obs.flag for obs in page.observations if obs.flag}
    keys = list(series_names(page))
    rows = {int(row["year"]): {key: _number(row[key]) for key in keys} for row in page.series.to_dict("records")}
    for year in flags:
        rows.setdefault(year, dict.fromkeys(keys))
    band = {row["year"]: (row["lower"], row["upper"]) for row in band_rows(page)}
    return [{**values, "cells": [values[key] for key in keys[1:]], "year": year, "source": sources.get(year, ""),
             "flag": flags.get(year, ""), "interval": band.get(year)} for year, values in sorted(rows.items())]


def band_rows(page: KommuneIndicator) -> list[dict[str, Any]]:
    """The kommune's interval by year as the run stored it (none for an indicator without a denominator)."""
    return interval_rows(page.result.uncertainty if page.result else {})


@register_chart("kommune-indicator-series")
def series_data(params: QueryDict) -> ChartTable:
    """The line chart: the kommune's value and its peers' medians by year, with the publisher's flag."""
    page = _page(params)
    names = series_names(page)
    keys = {key: SERIES_COLUMNS[key] for key in names}
    rows = [(row["year"], *(row[key] for key in names), row["flag"]) for row in series_table(page)]
    return _indicator_table(page, "series", ("year", *keys.values(), "flag"), rows,
                            {"year": _("Year"), **{keys[key]: name for key, name in names.items()},
                             "flag": _("Note on the value")})


@register_chart("kommune-indicator-map")
def map_data(params: QueryDict) -> ChartTable:
    """The map: every kommune's value in the latest year."""
    page = _page(params)
    rows = [(number, name, page.latest_year, value) for number, name, value, _geometry in page.latest]
    return _indicator_table(page, "map", ("kommune", "name", "year", "value"), rows,
                            {"kommune": _("Kommunenummer"), "name": _("Name"), "year": _("Year"),
                             "value": _("Value")})


@register_chart("kommune-indicator-distribution")
def distribution_data(params: QueryDict) -> ChartTable:
    """The histogram: how many kommuner have values in each bin in the latest year."""
    page = _page(params)
    rows = [(page.latest_year, row["start"], row["end"], row["count"]) for row in page.bins]
    return _indicator_table(page, "distribution", ("year", "start", "end", "kommuner"), rows,
                            {"year": _("Year"), "start": _("From"), "end": _("To"),
                             "kommuner": _("Number of kommuner")})


def results_source(run: MeasurementRun | None) -> str:
    """Where goal results come from: the measurement run, computed from the publishers' figures."""
    when = run.finished_at.date().isoformat() if run is not None and run.finished_at else "–"
    return _("Lokalagenda, measurement run of %(date)s, computed from the indicator data of the publishers "
             "named on each indicator's page") % {"date": when}


def compare_downloads(kommuner: list[Kommune]) -> ChartDownloads:
    """The data links and image file name of the comparison's chart."""
    numbers = [kommune.number for kommune in kommuner]
    stem = file_stem("sammenligning", *(f"{kommune.name}-{kommune.number}" for kommune in kommuner))
    return chart_downloads("compare", {"kommune": numbers}, stem)


@register_chart("compare")
def compare_data(params: QueryDict) -> ChartTable:
    """The comparison's dot chart: each compared kommune's score, status and trend for each goal."""
    try:
        kommuner = parse_comparison(params.getlist("kommune"))
    except ComparisonError as error:
        if error.reason == "unknown":
            raise ChartDataRefused(_("No kommune has the number %(numbers)s.")
                                   % {"numbers": ", ".join(error.numbers)}, not_found=True) from error
        raise ChartDataRefused(_("Compare at most %(max)s kommuner at a time.") % {"max": MAX_COMPARED}) from error
    if not kommuner:
        raise ChartDataRefused(_("Choose at least one kommune to compare."))
    result = comparison(kommuner)
    rows = [(goal.number, goal.short_in(active_language()), kommune.number, kommune.name,
             cell.score if cell else None, str(COLOURS[cell.colour][1]) if cell and cell.colour in COLOURS else "",
             str(TRENDS[cell.trend][1]) if cell and cell.trend in TRENDS else "")
            for goal, cells in result["goals"] for kommune, cell in zip(kommuner, cells, strict=True)]
    return ChartTable(
        columns=("goal", "goal_name", "kommune", "name", "score", "status", "trend"), rows=rows,
        source=results_source(result["run"]), licence=LICENCE_OF_RESULTS, stem=compare_downloads(kommuner).stem,
        labels={"goal": _("Goal"), "goal_name": _("Goal name"), "kommune": _("Kommunenummer"), "name": _("Name"),
                "score": _("Score (0–100)"), "status": _("Status"), "trend": _("Trend"), "source": _("Source"),
                "licence": _("Licence")},
        about={"title": _("Compare kommuner"), "page": reverse("measurement:compare")})


def national_downloads(goal: Goal) -> ChartDownloads:
    """The data links and image file name of the national map of one goal."""
    return chart_downloads("national", {"mal": str(goal.number)}, file_stem("alle-kommuner", "mal", goal.number))


@register_chart("national")
def national_data(params: QueryDict) -> ChartTable:
    """The national map: every kommune's status for the chosen goal (``?mal=``)."""
    chosen = params.get("mal", "")
    overview = national_overview(int(chosen) if chosen.isdigit() else None)
    if overview.goal is None:
        raise ChartDataRefused(_("No measurement run has finished yet."), not_found=True)
    rows = [(overview.goal.number, code, name, str(COLOURS[colour][1]) if colour in COLOURS else "")
            for code, name, colour, _boundary in overview.places]
    return ChartTable(
        columns=("goal", "kommune", "name", "status"), rows=rows, source=results_source(overview.run),
        licence=LICENCE_OF_RESULTS, stem=national_downloads(overview.goal).stem,
        labels={"goal": _("Goal"), "kommune": _("Kommunenummer"), "name": _("Name"), "status": _("Status"),
                "source": _("Source"), "licence": _("Licence")},
        about={"title": _("National overview"),
               "page": f"{reverse('measurement:national')}?mal={overview.goal.number}"})


def coverage_downloads() -> ChartDownloads:
    """The data links and image file name of the front page's map of measured goals."""
    return chart_downloads("goal-coverage", {}, file_stem("alle-kommuner", "malte-mal"))


@register_chart("goal-coverage")
def coverage_data(params: QueryDict) -> ChartTable:
    """The front page's map: how many of the 17 goals each kommune has measured, and its band."""
    found = goal_coverage()
    rows = [(row.number, row.name, row.measured, row.band.words) for row in found.kommuner]
    return ChartTable(
        columns=("kommune", "name", "goals_measured", "band"), rows=rows, source=results_source(found.run),
        licence=LICENCE_OF_RESULTS, stem=coverage_downloads().stem,
        labels={"kommune": _("Kommunenummer"), "name": _("Name"), "goals_measured": _("Goals measured (of 17)"),
                "band": _("Goals measured"), "source": _("Source"), "licence": _("Licence")},
        about={"title": _("How many of the 17 goals each kommune has measured"), "page": reverse("web:home")})
