"""Vega-Lite specifications for the charts and maps of places. Data are embedded, so pages fetch nothing."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from lokalagenda.core.geography import rewind_for_spherical_rendering

VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
HIGHLIGHT = "#1E5A8C"
CONTEXT = "#D5DCE3"
OUTLINE = "#FFFFFF"


def population_chart(years_and_totals: Iterable[tuple[int, int]], *, title: str, description: str,
                     year_label: str, population_label: str) -> dict[str, Any]:
    """A line chart of population on 1 January by year."""
    values = [{"year": year, "population": total} for year, total in years_and_totals]
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "description": description,
        "title": title,
        "width": "container",
        "height": 260,
        "data": {"values": values},
        "mark": {"type": "line", "point": True, "color": HIGHLIGHT},
        "encoding": {
            "x": {"field": "year", "type": "quantitative", "title": year_label, "axis": {"format": "d"},
                  "scale": {"zero": False}},
            "y": {"field": "population", "type": "quantitative", "title": population_label,
                  "axis": {"format": ",d"}, "scale": {"zero": False}},
            "tooltip": [{"field": "year", "type": "quantitative", "title": year_label, "format": "d"},
                        {"field": "population", "type": "quantitative", "title": population_label,
                         "format": ",d"}],
        },
    }


PROJECTION = {"type": "transverseMercator", "rotate": [-15, 0, 0]}


def geo_features(places: list[tuple[str, str, Any, Any]], key: str) -> list[dict[str, Any]]:
    """GeoJSON features of ``(code, name, value, geometry)``, rewound for Vega; places without a geometry are
    left out. ``value`` goes into the property ``key``."""
    return [{"type": "Feature", "geometry": rewind_for_spherical_rendering(geometry),
             "properties": {"code": code, "name": name, key: value}}
            for code, name, value, geometry in places if geometry]


def map_base(features: list[dict[str, Any]], description: str, height: int) -> dict[str, Any]:
    """The part every map shares: schema, text alternative, size, the features and Norway's projection."""
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "description": description,
        "width": "container",
        "height": height,
        "data": {"values": {"type": "FeatureCollection", "features": features},
                 "format": {"type": "json", "property": "features"}},
        "projection": PROJECTION,
    }


def place_map(features: list[tuple[str, str, Any]], *, highlight: str | None, description: str,
              name_label: str, code_label: str, height: int = 360) -> dict[str, Any]:
    """A map of places given as ``(code, name, geometry)``; the place ``highlight`` is drawn in colour."""
    collection = geo_features([(code, name, code == highlight, geometry) for code, name, geometry in features],
                              "highlight")
    fill: dict[str, Any] = {"value": HIGHLIGHT}
    if highlight is not None:
        fill = {"condition": {"test": "datum.properties.highlight", "value": HIGHLIGHT}, "value": CONTEXT}
    return {
        **map_base(collection, description, height),
        "mark": {"type": "geoshape", "stroke": OUTLINE, "strokeWidth": 0.5},
        "encoding": {
            "color": fill,
            "tooltip": [{"field": "properties.name", "type": "nominal", "title": name_label},
                        {"field": "properties.code", "type": "nominal", "title": code_label}],
        },
    }


def population_chart_for(name: str, series: list[tuple[int, int]]) -> dict[str, Any]:
    """The population chart of a place, with titles and text alternative in the active language."""
    first, last = (series[0], series[-1]) if series else ((0, 0), (0, 0))
    description = _(
        "Line chart: population of %(name)s on 1 January, from %(first)s in %(first_year)s "
        "to %(last)s in %(last_year)s."
    ) % {"name": name, "first": number_format(first[1], force_grouping=True), "first_year": first[0],
         "last": number_format(last[1], force_grouping=True), "last_year": last[0]}
    return population_chart(
        series, title=_("Population 1 January"), description=description, year_label=_("Year"),
        population_label=_("Population"),
    )


def place_map_for(features: list[tuple[str, str, Any]], *, highlight: str | None, description: str,
                  height: int = 360) -> dict[str, Any]:
    """A map of places with tooltips in the active language."""
    return place_map(features, highlight=highlight, description=description, height=height,
                     name_label=_("Name"), code_label=_("Number"))
