"""Vega-Lite specifications for the measurement pages: functions of the data passed in (maps name their boundary
file, see ``places.boundaries``).

Lines differ by dash as well as colour, the map of colours carries words in its legend, and every chart has a
``description`` (its text alternative); the pages add a data table for each.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext

from lokalagenda.measurement.labels import interval_label
from lokalagenda.measurement.models import Colour
from lokalagenda.places.boundaries import extent_for
from lokalagenda.places.charts import CONTEXT, HIGHLIGHT, OUTLINE, VEGA_LITE_SCHEMA, axis_title, map_base

#: Line colours and dashes of the series, in the order given (the kommune first, solid).
SERIES_COLOURS = ("#1E5A8C", "#B35806", "#4D7A2A", "#5E5E5E", "#7B3294", "#C51B7D")
SERIES_DASHES = ([1, 0], [6, 3], [2, 2], [8, 3, 2, 3], [10, 2, 2, 2, 2, 2], [12, 4])
#: Fill of each dashboard colour on the national map (accessible contrast against white outlines).
DASHBOARD_FILL = {Colour.GREEN.value: "#2E7D32", Colour.YELLOW.value: "#F2C12E", Colour.ORANGE.value: "#E07B00",
                  Colour.RED.value: "#C62828", "": CONTEXT}


def time_series(rows: list[dict[str, Any]], *, series: list[str], description: str, year_label: str,
                value_label: str, series_label: str, share: bool = False,
                band: Band | None = None) -> dict[str, Any]:
    """Lines of ``{"year", "series", "value"}`` rows, one line per name in ``series`` (in that order).

    A share (``share``: percent and the like) is drawn on an axis from 0, so a point's difference looks like
    one; any other axis fits the values, and when it does not reach 0 its title says the axis is cut. A
    ``band`` (the first series' interval by year) is drawn under the lines as a shaded area in its colour."""
    scale_colours = list(SERIES_COLOURS[: len(series)])
    scale_dashes = list(SERIES_DASHES[: len(series)])
    values = [row["value"] for row in rows if row.get("value") is not None]
    if band is not None:
        values += [limit for row in band.rows for limit in (row["lower"], row["upper"])]
    title = axis_title(value_label, values, zero=share)
    spec = _lines(rows, series, description, year_label, title, value_label, series_label, share,
                  scale_colours, scale_dashes)
    return spec if band is None or not band.rows else _with_band(spec, band, year_label)


@dataclass(frozen=True)
class Band:
    """An interval by year to shade under a line: ``{"year", "lower", "upper"}`` rows, and the words for the
    interval in the tooltip ("95 per cent interval")."""

    rows: list[dict[str, Any]]
    label: str
    lower_label: str
    upper_label: str


def interval_rows(uncertainty: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A result's stored intervals (``IndicatorResult.uncertainty``) as a band's ``{"year", "lower", "upper"}``
    rows, oldest first: none for an indicator without a denominator, and no year without both limits."""
    return [{"year": year, "lower": lower, "upper": upper}
            for year, lower, upper, _n in uncertainty.get("intervals", []) if None not in (lower, upper)]


def interval_band(uncertainty: Mapping[str, Any]) -> Band | None:
    """The band a chart shades from a result's stored intervals, named in the run's confidence level ("95 per
    cent interval"); None without intervals. The indicator page and the reports draw the same band."""
    rows = interval_rows(uncertainty)
    if not rows:
        return None
    return Band(rows, label=interval_label(uncertainty), lower_label=gettext("Lower limit"),
                upper_label=gettext("Upper limit"))


def _with_band(spec: dict[str, Any], band: Band, year_label: str) -> dict[str, Any]:
    """The line chart as the top layer over a shaded area from ``lower`` to ``upper`` (same x scale)."""
    line = {key: spec.pop(key) for key in ("data", "mark", "encoding")}
    area = {
        "data": {"values": band.rows},
        "mark": {"type": "area", "color": SERIES_COLOURS[0], "opacity": 0.18},
        "encoding": {
            "x": line["encoding"]["x"],
            "y": {"field": "lower", "type": "quantitative"},
            "y2": {"field": "upper"},
            "tooltip": [{"field": "year", "type": "quantitative", "title": year_label, "format": "d"},
                        {"field": "lower", "type": "quantitative", "title": band.lower_label, "format": ".1f"},
                        {"field": "upper", "type": "quantitative", "title": band.upper_label, "format": ".1f"}],
        },
        "description": band.label,
    }
    return {**spec, "layer": [area, line]}


def _year_axis(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """An axis of whole years: no more ticks than years between the first and the last (at most 10), since a tick
    between two years would be labelled as one of them ("2012, 2013, 2013, 2014, 2014")."""
    years = [row["year"] for row in rows]
    span = max(years) - min(years) if years else 0
    return {"format": "d", "tickCount": max(1, min(10, span))}


def _lines(rows: list[dict[str, Any]], series: list[str], description: str, year_label: str, title: str,
           value_label: str, series_label: str, share: bool, scale_colours: list[str],
           scale_dashes: list[Any]) -> dict[str, Any]:
    """The lines alone: the whole chart without a band, the top layer with one."""
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "description": description,
        "width": "container",
        "height": 280,
        "data": {"values": rows},
        "mark": {"type": "line", "point": True},
        "encoding": {
            "x": {"field": "year", "type": "quantitative", "title": year_label, "axis": _year_axis(rows),
                  "scale": {"zero": False}},
            "y": {"field": "value", "type": "quantitative", "title": title, "scale": {"zero": share}},
            # One series a row and no cut-off ("Median for kommuner med 50 00…"): labels are never shortened.
            "color": {"field": "series", "type": "nominal", "title": series_label,
                      "scale": {"domain": series, "range": scale_colours},
                      "legend": {"orient": "bottom", "direction": "vertical", "columns": 1, "labelLimit": 0}},
            "strokeDash": {"field": "series", "type": "nominal", "scale": {"domain": series, "range": scale_dashes},
                           "legend": None},
            "tooltip": [{"field": "series", "type": "nominal", "title": series_label},
                        {"field": "year", "type": "quantitative", "title": year_label, "format": "d"},
                        {"field": "value", "type": "quantitative", "title": value_label}],
        },
    }


def choropleth(places: list[tuple[str, str, float | None, Any]], *, highlight: str | None, description: str,
               value_label: str, name_label: str, height: int = 460) -> dict[str, Any]:
    """All places of ``(code, name, value, geometry)`` filled by value with a legend; places without a value stay
    grey, and ``highlight`` gets a dark outline. The shapes come from the boundary file of the smallest extent
    holding the codes; ``geometry`` is not read (pass None rather than loading boundaries)."""
    codes = [code for code, _name, _value, _geometry in places]
    values = [{"code": code, "name": name, "value": value} for code, name, value, _geometry in places]
    tooltip = [{"field": "name", "type": "nominal", "title": name_label},
               {"field": "value", "type": "quantitative", "title": value_label}]
    layers: list[dict[str, Any]] = [
        {"mark": {"type": "geoshape", "fill": CONTEXT, "stroke": OUTLINE, "strokeWidth": 0.3},
         "encoding": {"tooltip": tooltip[:1]}},
        {"transform": [{"filter": "isValid(datum.value)"}],
         "mark": {"type": "geoshape", "stroke": OUTLINE, "strokeWidth": 0.3},
         "encoding": {"color": {"field": "value", "type": "quantitative", "title": value_label,
                                "scale": {"scheme": "blues"}}, "tooltip": tooltip}},
    ]
    if highlight is not None:
        layers.append({"transform": [{"filter": {"field": "properties.code", "equal": highlight}}],
                       "mark": {"type": "geoshape", "filled": False, "stroke": "#000000", "strokeWidth": 2},
                       "encoding": {"tooltip": tooltip}})
    return {**map_base(extent_for(codes), values, description, height), "layer": layers}


def distribution(bins: list[dict[str, float]], *, marked: float | None, marked_label: str, description: str,
                 value_label: str, count_label: str) -> dict[str, Any]:
    """Bars of ``{"start", "end", "count"}`` bins with a labelled rule at the value ``marked``."""
    layers: list[dict[str, Any]] = [{
        "data": {"values": bins},
        "mark": {"type": "bar", "color": CONTEXT, "stroke": "#5E5E5E", "strokeWidth": 0.5},
        "encoding": {
            "x": {"field": "start", "type": "quantitative", "bin": {"binned": True}, "title": value_label},
            "x2": {"field": "end"},
            "y": {"field": "count", "type": "quantitative", "title": count_label},
            "tooltip": [{"field": "start", "type": "quantitative", "title": value_label},
                        {"field": "end", "type": "quantitative"},
                        {"field": "count", "type": "quantitative", "title": count_label}],
        },
    }]
    if marked is not None:
        mark_data = {"values": [{"value": marked, "label": marked_label}]}
        layers += [
            {"data": mark_data, "mark": {"type": "rule", "color": HIGHLIGHT, "strokeWidth": 3},
             "encoding": {"x": {"field": "value", "type": "quantitative"}}},
            {"data": mark_data, "mark": {"type": "text", "color": HIGHLIGHT, "align": "left", "dx": 4, "dy": -4,
                                         "baseline": "top", "fontWeight": "bold"},
             "encoding": {"x": {"field": "value", "type": "quantitative"}, "y": {"value": 0},
                          "text": {"field": "label"}}},
        ]
    return {"$schema": VEGA_LITE_SCHEMA, "description": description, "width": "container", "height": 220,
            "layer": layers}


def colour_map(places: list[tuple[str, str, str, Any]], *, words: dict[str, str], description: str,
               status_label: str, name_label: str, height: int = 520) -> dict[str, Any]:
    """All places of ``(code, name, colour, geometry)`` filled by their dashboard colour; the legend and the tooltip
    give each colour's words (``words`` maps a colour, "" for none, to its words). The shapes come from the
    boundary file; ``geometry`` is not read (pass None)."""
    codes = [code for code, _name, _colour, _geometry in places]
    values = [{"code": code, "name": name, "status": str(words.get(colour, words[""]))}
              for code, name, colour, _geometry in places]
    domain = [str(words[colour]) for colour in DASHBOARD_FILL if colour in words]
    fills = [DASHBOARD_FILL[colour] for colour in DASHBOARD_FILL if colour in words]
    return {
        **map_base(extent_for(codes), values, description, height),
        "mark": {"type": "geoshape", "stroke": OUTLINE, "strokeWidth": 0.3},
        "encoding": {
            "color": {"field": "status", "type": "nominal", "title": status_label,
                      "scale": {"domain": domain, "range": fills}, "legend": {"orient": "bottom", "columns": 1}},
            "tooltip": [{"field": "name", "type": "nominal", "title": name_label},
                        {"field": "status", "type": "nominal", "title": status_label}],
        },
    }


def band_map(places: list[tuple[str, str, str, int]], *, bands: list[tuple[str, str]], description: str,
             band_label: str, name_label: str, count_label: str, height: int = 520) -> dict[str, Any]:
    """All places of ``(code, name, band words, count)`` filled by their band; ``bands`` gives each band's words
    and fill in legend order, so the legend says each band in words. The shapes come from the boundary file."""
    codes = [code for code, _name, _band, _count in places]
    values = [{"code": code, "name": name, "band": band, "count": count} for code, name, band, count in places]
    return {
        **map_base(extent_for(codes), values, description, height),
        "mark": {"type": "geoshape", "stroke": OUTLINE, "strokeWidth": 0.3},
        "encoding": {
            "color": {"field": "band", "type": "nominal", "title": band_label,
                      "scale": {"domain": [words for words, _fill in bands], "range": [fill for _words, fill in bands]},
                      "legend": {"orient": "bottom", "columns": 1, "symbolType": "square", "labelLimit": 0,
                                 "labelFontSize": 12, "titleFontSize": 12}},
            "tooltip": [{"field": "name", "type": "nominal", "title": name_label},
                        {"field": "count", "type": "quantitative", "title": count_label},
                        {"field": "band", "type": "nominal", "title": band_label}],
        },
    }


SPARKLINE_WIDTH, SPARKLINE_HEIGHT = 96, 24


def sparkline_points(series: list[tuple[int, float]]) -> str:
    """The ``points`` of an SVG polyline drawing ``(year, value)`` pairs in a 96 × 24 box (empty for < 2 points)."""
    if len(series) < 2:
        return ""
    years = [year for year, _value in series]
    values = [value for _year, value in series]
    low, high = min(values), max(values)
    span_x, span_y = (max(years) - min(years)) or 1, (high - low) or 1
    return " ".join(
        f"{(year - min(years)) / span_x * (SPARKLINE_WIDTH - 4) + 2:.1f},"
        f"{SPARKLINE_HEIGHT - 2 - (value - low) / span_y * (SPARKLINE_HEIGHT - 4):.1f}"
        for year, value in series
    )


#: Point shapes of the compared kommuner, in the order given, so each differs by shape as well as colour.
COMPARISON_SHAPES = ("circle", "square", "triangle-up", "diamond", "cross")


def comparison_dots(rows: list[dict[str, Any]], *, goals: list[str], kommuner: list[str], description: str,
                    goal_label: str, score_label: str, kommune_label: str) -> dict[str, Any]:
    """One row per goal (in the order of ``goals``) with a point per kommune at its score from 0 to 100:
    ``{"goal", "kommune", "score"}`` rows; each kommune in ``kommuner`` has its own colour and shape."""
    colours = list(SERIES_COLOURS[: len(kommuner)])
    shapes = list(COMPARISON_SHAPES[: len(kommuner)])
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "description": description,
        "width": "container",
        "height": {"step": 26},
        "data": {"values": rows},
        "mark": {"type": "point", "filled": True, "size": 110, "opacity": 0.9},
        "encoding": {
            # Goal names take at most a third of a narrow chart's width (the table below has them in full).
            "y": {"field": "goal", "type": "nominal", "title": goal_label, "sort": goals,
                  "axis": {"labelLimit": {"expr": "min(220, width / 3)"}}},
            "x": {"field": "score", "type": "quantitative", "title": score_label, "scale": {"domain": [0, 100]}},
            "color": {"field": "kommune", "type": "nominal", "title": kommune_label,
                      "scale": {"domain": kommuner, "range": colours}, "legend": {"orient": "bottom", "columns": 2}},
            "shape": {"field": "kommune", "type": "nominal", "scale": {"domain": kommuner, "range": shapes}},
            "tooltip": [{"field": "kommune", "type": "nominal", "title": kommune_label},
                        {"field": "goal", "type": "nominal", "title": goal_label},
                        {"field": "score", "type": "quantitative", "title": score_label, "format": ".0f"}],
        },
    }
