"""Vega-Lite specifications for the charts and maps of places. Values are embedded; the maps' boundaries come
from one static, cacheable file per extent (:mod:`lokalagenda.places.boundaries`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from lokalagenda.places.boundaries import boundary_data, extent_for

VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
HIGHLIGHT = "#1E5A8C"
CONTEXT = "#D5DCE3"
OUTLINE = "#FFFFFF"


def axis_title(label: str, values: Iterable[float], *, zero: bool) -> str:
    """The title of a value axis: ``label``, and a note that the axis is cut when it starts at neither 0
    (``zero``) nor below the values' lowest point, so a small difference is not read as a large one."""
    values = list(values)
    if zero or not values or min(values) <= 0 <= max(values):
        return label
    return _("%(unit)s (axis cut: does not start at 0)") % {"unit": label}


def population_chart(years_and_totals: Iterable[tuple[int, int]], *, title: str, description: str,
                     year_label: str, population_label: str) -> dict[str, Any]:
    """A line chart of population on 1 January by year (on an axis fit to the values, marked as cut)."""
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
            "y": {"field": "population", "type": "quantitative",
                  "title": axis_title(population_label, (row["population"] for row in values), zero=False),
                  "axis": {"format": ",d"}, "scale": {"zero": False}},
            "tooltip": [{"field": "year", "type": "quantitative", "title": year_label, "format": "d"},
                        {"field": "population", "type": "quantitative", "title": population_label,
                         "format": ",d"}],
        },
    }


PROJECTION = {"type": "transverseMercator", "rotate": [-15, 0, 0]}


def map_base(extent: str, values: list[dict[str, Any]], description: str, height: int) -> dict[str, Any]:
    """The part every map shares: schema, text alternative, size, Norway's projection, and the boundaries of
    ``extent`` fetched from their static file (:mod:`lokalagenda.places.boundaries`), each joined by its code to
    its row of ``values`` (``{"code", ...}``): a boundary without a row gets ``None`` in every field."""
    fields = sorted({key for row in values for key in row} - {"code"})
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "description": description,
        "width": "container",
        "height": height,
        "data": boundary_data(extent),
        "transform": [{"lookup": "properties.code", "from": {"data": {"values": values}, "key": "code",
                                                             "fields": fields}}],
        "projection": PROJECTION,
    }


def place_map(features: list[tuple[str, str, Any]], *, highlight: str | None, description: str,
              name_label: str, code_label: str, height: int = 360) -> dict[str, Any]:
    """A map of places given as ``(code, name, geometry)``; the place ``highlight`` is drawn in colour. The shapes
    come from the boundary file of the smallest extent holding the codes; ``geometry`` is not read (pass None)."""
    codes = [code for code, _name, _geometry in features]
    values = [{"code": code, "name": name} for code, name, _geometry in features]
    fill: dict[str, Any] = {"value": HIGHLIGHT}
    if highlight is not None:
        fill = {"condition": {"test": {"field": "properties.code", "equal": highlight}, "value": HIGHLIGHT},
                "value": CONTEXT}
    return {
        **map_base(extent_for(codes), values, description, height),
        "mark": {"type": "geoshape", "stroke": OUTLINE, "strokeWidth": 0.5},
        "encoding": {
            "color": fill,
            "tooltip": [{"field": "name", "type": "nominal", "title": name_label},
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
