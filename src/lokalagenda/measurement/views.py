"""Measurement pages: a kommune's indicator, a kommune's and a fylke's goal, a comparison of kommuner, the
national overview.

Each view parses, calls one named read from ``comparisons``, builds its context and renders; scores are only
ever read from the stored results.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from lokalagenda.framework.models import Goal
from lokalagenda.indicators.models import Indicator
from lokalagenda.indicators.units import is_share
from lokalagenda.measurement import charts, colour_meaning
from lokalagenda.measurement.chart_data import (
    compare_downloads,
    indicator_chart_downloads,
    national_downloads,
    series_names,
    series_table,
)
from lokalagenda.measurement.comparisons import (
    COLOUR_ORDER,
    MAX_COMPARED,
    ComparisonError,
    KommuneIndicator,
    comparison,
    kommune_indicator,
    national_overview,
    parse_comparison,
)
from lokalagenda.measurement.forms import CompareForm
from lokalagenda.measurement.heatmap import kommune_heatmap
from lokalagenda.measurement.labels import COLOURS, band_note
from lokalagenda.measurement.querysets import goal_for
from lokalagenda.places.models import Kommune
from lokalagenda.places.place import PlaceKind, place_or_404
from lokalagenda.ui.language import active_language


def _band(page: KommuneIndicator) -> charts.Band | None:
    """The kommune's intervals as the chart's band, named in the run's confidence level (None: no intervals)."""
    return charts.interval_band(page.result.uncertainty) if page.result is not None else None


def _newest_gap(page: KommuneIndicator) -> tuple[int, str] | None:
    """The newest year of the kommune's series when the publisher gave no value for it: (year, its reason)."""
    newest = page.observations[-1] if page.observations else None
    if newest is None or newest.value is not None or not newest.flag:
        return None
    return newest.year, newest.flag


def _kommune_indicator_charts(page: KommuneIndicator, title: str, table: list[dict[str, Any]]) -> dict[str, Any]:
    names = series_names(page)
    rows = [{"year": row["year"], "series": names[key], "value": row[key]}
            for row in table for key in names if row[key] is not None]
    value = page.result.value if page.result else None
    unit = page.indicator.unit_label or _("Value")
    band = _band(page)
    return {
        "series_chart": charts.time_series(
            rows, series=list(names.values()), year_label=_("Year"), value_label=unit, series_label=_("Series"),
            share=is_share(page.indicator.unit), description=_series_description(page, title, band), band=band),
        "series_band": band,
        "map": charts.choropleth(
            page.latest, highlight=page.kommune.number, value_label=unit, name_label=_("Kommune"),
            description=_("Map: %(indicator)s in every kommune in %(year)s; darker is higher, grey has no value. "
                          "%(kommune)s is outlined.") % {"indicator": title, "year": page.latest_year,
                                                         "kommune": page.kommune.name}),
        "distribution": charts.distribution(
            page.bins, marked=value, marked_label=page.kommune.name, value_label=unit,
            count_label=_("Number of kommuner"),
            description=_("Histogram: how the kommuner are spread over the values of %(indicator)s in %(year)s; "
                          "a line marks %(kommune)s.") % {"indicator": title, "year": page.latest_year,
                                                           "kommune": page.kommune.name}),
    }


def _series_description(page: KommuneIndicator, title: str, band: charts.Band | None = None) -> str:
    values = {"indicator": title, "kommune": page.kommune.name}
    if page.kostra_group is not None:
        text = _("Line chart: %(indicator)s in %(kommune)s by year, with the medians of its size class, its fylke, "
                 "its KOSTRA group %(code)s and all kommuner.") % {**values, "code": page.kostra_group.code}
    else:
        text = _("Line chart: %(indicator)s in %(kommune)s by year, with the medians of its size class, its fylke "
                 "and all kommuner.") % values
    if page.similar_group is not None:
        text += " " + _("Another line is the median of the kommuner the measurement run found most like "
                        "%(kommune)s.") % values
    if band is None:
        return text
    return text + " " + band_note(page.kommune.name, band.label)


def kommune_indicator_detail(request: HttpRequest, number: str, indicator_id: str) -> HttpResponse:
    """One indicator for one kommune: stored result, series against peers, map, distribution, sources."""
    kommune = get_object_or_404(Kommune.objects.select_related("fylke"), number=number)
    indicator = get_object_or_404(Indicator, id=indicator_id)
    page = kommune_indicator(kommune, indicator)
    title = indicator.title_in(active_language())
    table = series_table(page)
    return render(request, "measurement/kommune_indicator.html", {
        "kommune": kommune, "indicator": indicator, "page": page, "series_names": series_names(page),
        "series_table": table, "newest_gap": _newest_gap(page),
        "chart_downloads": indicator_chart_downloads(page), "show_tables": shows_tables(request),
        "revisions": sorted({obs.revision for obs in page.observations}, key=lambda r: r.number),
        "values": [(code, name, value) for code, name, value, _geometry in page.latest],
        **_kommune_indicator_charts(page, title, table),
    })


def shows_tables(request: HttpRequest) -> bool:
    """``?visning=tabell``: the page opens with its charts' tables shown, so a link can point at the numbers."""
    return request.GET.get("visning") == "tabell"


def _comparison_message(error: ComparisonError) -> str:
    if error.reason == "too_many":
        return _("Compare at most %(max)s kommuner at a time.") % {"max": MAX_COMPARED}
    return _("No kommune has the number %(numbers)s.") % {"numbers": ", ".join(error.numbers)}


def _comparison_chart(kommuner: list[Kommune], result: dict[str, Any]) -> dict[str, Any] | None:
    """The goal scores of the compared kommuner as dots (None when no kommune has a score)."""
    names = [f"{kommune.name} ({kommune.number})" for kommune in kommuner]
    goals = [f"{goal.number} {goal.short_in(active_language())}" for goal, _cells in result["goals"]]
    rows = [{"goal": label, "kommune": name, "score": cell.score}
            for label, (_goal, cells) in zip(goals, result["goals"], strict=True)
            for name, cell in zip(names, cells, strict=True) if cell is not None and cell.score is not None]
    if not rows:
        return None
    return charts.comparison_dots(
        rows, goals=goals, kommuner=names, goal_label=_("Goal"), score_label=_("Score (0–100)"),
        kommune_label=_("Kommune"),
        description=_("Dot chart: the score from 0 to 100 of %(kommuner)s for each goal; each kommune has its own "
                      "colour and shape. The table below gives the same figures with status and trend.")
        % {"kommuner": ", ".join(names)})


def compare(request: HttpRequest) -> HttpResponse:
    """Up to five kommuner side by side: stored goal results and indicator results of the latest run. One
    kommune (the link from its page) shows its own results and the picker to add others."""
    numbers = request.GET.getlist("kommune")
    context: dict[str, Any] = {"form": CompareForm(numbers), "kommuner": [], "message": "",
                               "result": None, "chart": None, "max_compared": MAX_COMPARED}
    try:
        kommuner = parse_comparison(numbers)
    except ComparisonError as error:
        context["message"] = _comparison_message(error)
        return render(request, "measurement/compare.html", context, status=400)
    if kommuner:
        result = comparison(kommuner)
        context.update(kommuner=kommuner, result=result, chart_downloads=compare_downloads(kommuner),
                       chart=_comparison_chart(kommuner, result) if result["run"] else None)
    return render(request, "measurement/compare.html", context)


def national(request: HttpRequest) -> HttpResponse:
    """Colour distribution of the kommuner per goal, and a map of one goal's colours (``?mal=``)."""
    chosen = request.GET.get("mal", "")
    overview = national_overview(int(chosen) if chosen.isdigit() else None)
    kinds = list(colour_meaning.goal_comparisons(overview.run.id).values()) if overview.run else []
    kind = colour_meaning.one_kind(kinds)
    words = {colour: colour_meaning.colour_words(colour, kind) if colour else _("no colour")
             for colour in COLOUR_ORDER}
    context: dict[str, Any] = {"overview": overview, "show_tables": shows_tables(request),
                               "colours": [(c, COLOURS[c][0] if c else "", words[c]) for c in COLOUR_ORDER],
                               "colour_words": words, "colour_legend": colour_meaning.legend(kinds)}
    if overview.goal is not None:
        context["chart_downloads"] = national_downloads(overview.goal)
        context["map"] = charts.colour_map(
            overview.places, words=words, status_label=_("Status"), name_label=_("Kommune"),
            description=_("Map: every kommune coloured by its status for goal %(goal)s; the legend gives the "
                          "words for each colour.") % {"goal": overview.goal.number})
    return render(request, "measurement/national.html", context)


def kommune_goal_detail(request: HttpRequest, number: str, goal: int) -> HttpResponse:
    """A kommune's result for one goal, and the results of the goal's indicators, as stored by the last run."""
    place = place_or_404(number, PlaceKind.KOMMUNE)
    goal_object = get_object_or_404(Goal, number=goal)
    return render(request, "measurement/kommune_goal.html", {
        "place": place, "goal": goal_object, "results": goal_for(place.number, goal_object.number),
    })


def fylke_goal_detail(request: HttpRequest, number: str, goal: int) -> HttpResponse:
    """A fylke's result for one goal, its indicators' results, and each of its kommuner's status on the goal (the
    fylke page's heat map, one column), as stored by the last run."""
    place = place_or_404(number, PlaceKind.FYLKE)
    goal_object = get_object_or_404(Goal, number=goal)
    heatmap = kommune_heatmap(Kommune.objects.filter(fylke_id=place.number).order_by("number")
                              .values_list("number", "name"), goals=[goal_object.number])
    return render(request, "measurement/fylke_goal.html", {
        "place": place, "goal": goal_object, "results": goal_for(place.number, goal_object.number),
        "heatmap": heatmap, "kommuner": heatmap.column(goal_object.number),
    })
