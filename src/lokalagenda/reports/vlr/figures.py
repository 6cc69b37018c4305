"""Charts and maps of reports: Vega-Lite specs (reusing the measurement and places builders) rendered to static
SVG by vl-convert, so neither the HTML report nor the PDF needs a browser to draw them.

Each figure keeps its spec's ``description`` as the text alternative; the report shows the same numbers as a
table. Colour is never the only carrier: status bars carry the status words in their legend and labels.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import vl_convert
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lokalagenda.measurement.charts import DASHBOARD_FILL, Band, choropleth, time_series
from lokalagenda.measurement.labels import COLOURS, band_note
from lokalagenda.places.boundaries import inline_boundaries
from lokalagenda.places.charts import VEGA_LITE_SCHEMA

#: Width of static figures in CSS pixels: fits an A4 page with 2 cm margins.
STATIC_WIDTH = 600
_SVG_OPEN = re.compile(r"<svg\b[^>]*>")
_VL_VERSION = sorted(v for v in vl_convert.get_vegalite_versions() if v.startswith(("5", "6")))[-1]


@dataclass(frozen=True)
class Figure:
    """A chart as a report shows it: an id, its text alternative and the static SVG (empty when not drawn)."""

    id: str
    description: str
    svg: str

    @property
    def inline_svg(self) -> SafeString:
        return mark_safe(self.svg)  # noqa: S308 - SVG made by vl-convert from our own spec, labels escaped there

    @property
    def data_uri(self) -> str:
        from base64 import b64encode

        return "data:image/svg+xml;base64," + b64encode(self.svg.encode("utf-8")).decode("ascii")


def _static(spec: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``spec`` fit for a static image: fixed width, no ARIA of its own (the figure carries it)."""
    static = inline_boundaries(spec)  # a copy, with the maps' boundary files read in: vl-convert fetches nothing
    static.pop("$schema", None)
    if static.get("width") == "container":
        static["width"] = STATIC_WIDTH
    static.setdefault("config", {})
    static["config"].update({"aria": False, "font": "DejaVu Sans, sans-serif", "background": "#ffffff"})
    return static


def render_svg(spec: dict[str, Any], figure_id: str) -> str:
    """The SVG of ``spec`` with ``role="img"``, a ``<title>`` and an ``aria-label`` carrying its description."""
    svg = vl_convert.vegalite_to_svg(json.dumps(_static(spec)), vl_version=_VL_VERSION)
    description = escape(spec.get("description", ""))
    opening = _SVG_OPEN.search(svg)
    if opening is None:
        return svg
    tag = opening.group(0)
    tag = re.sub(r'\s(role|aria-[a-z]+)="[^"]*"', "", tag)
    tag = tag[:-1] + f' role="img" aria-labelledby="{figure_id}-title" focusable="false">'
    title = f'<title id="{figure_id}-title">{description}</title>'
    return svg[: opening.start()] + tag + title + svg[opening.end():]


def figure(spec: dict[str, Any], figure_id: str, *, draw: bool = True) -> Figure:
    """A figure of ``spec``; ``draw=False`` leaves the SVG out (the baseline of the benchmark)."""
    return Figure(figure_id, str(spec.get("description", "")), render_svg(spec, figure_id) if draw else "")


def goal_scores_spec(rows: list[dict[str, Any]], *, place: str, words: dict[str, str] | None = None
                     ) -> dict[str, Any]:
    """Horizontal bars of goal scores (0–100), coloured by dashboard status with the status words in the legend
    and the score written at the end of each bar. ``rows``: ``{"goal", "label", "score", "colour"}``; ``words``:
    each colour's words as the report names what the colours compare (default: the distance-to-target words)."""
    words = words or {colour: str(COLOURS[colour][1]) for colour in COLOURS}
    values = [{"goal": row["goal"], "label": row["label"], "score": row["score"],
               "status": words.get(row["colour"], _("no status"))} for row in rows if row["score"] is not None]
    domain = [words[colour] for colour in COLOURS] + [_("no status")]
    fills = [DASHBOARD_FILL[colour] for colour in COLOURS] + [DASHBOARD_FILL[""]]
    y = {"field": "label", "type": "nominal", "title": None, "sort": {"field": "goal"}}
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "description": _("Bar chart of the score (0–100) of %(place)s on each goal with a result: %(list)s.") % {
            "place": place,
            "list": "; ".join(f"{row['label']}: {row['score']:.0f} ({row['status']})" for row in values) or "–"},
        "width": "container",
        "data": {"values": values},
        "encoding": {"y": y, "x": {"field": "score", "type": "quantitative", "title": _("Score (0–100)"),
                                   "scale": {"domain": [0, 100]}}},
        "layer": [
            {"mark": {"type": "bar", "stroke": "#333333", "strokeWidth": 0.5},
             "encoding": {"color": {"field": "status", "type": "nominal", "title": _("Status"),
                                    "scale": {"domain": domain, "range": fills},
                                    "legend": {"orient": "bottom", "columns": 2}}}},
            {"mark": {"type": "text", "align": "left", "dx": 4, "color": "#000000"},
             "encoding": {"text": {"field": "score", "type": "quantitative", "format": ".0f"}}},
        ],
    }


def indicator_series_spec(rows: list[dict[str, Any]], names: dict[str, str], *, title: str,
                          unit: str, share: bool = False, band: Band | None = None) -> dict[str, Any]:
    """The place and its peers' medians over time (the measurement page's chart), from table rows; a ``share``
    is drawn on an axis from 0, as on the indicator page; with the
    place's intervals as a shaded ``band`` (the first name's line) where its result has them, said in the text
    alternative as the indicator page says it."""
    lines = [{"year": row["year"], "series": names[key], "value": row[key]}
             for row in rows for key in names if row.get(key) is not None]
    description = _("Line chart of %(indicator)s by year: %(series)s.") % {
        "indicator": title, "series": ", ".join(names.values())}
    if band is not None:
        description += " " + band_note(next(iter(names.values())), band.label)
    spec = time_series(lines, series=list(names.values()), year_label=_("Year"), value_label=unit or _("Value"),
                       series_label=_("Series"), description=description, share=share, band=band)
    spec["height"] = 200
    return spec


def index_map_spec(places: list[tuple[str, str, float | None, Any]], *, highlight: str | None,
                   area: str) -> dict[str, Any]:
    """The kommuner of ``area`` filled by their SDG index, the place itself outlined."""
    measured = [(name, value) for _code, name, value, _geometry in places if value is not None]
    spec = choropleth(places, highlight=highlight, value_label=_("SDG index"), name_label=_("Kommune"), height=360,
                      description=ngettext(
                          "Map of the kommuner in %(area)s shaded by their SDG index (darker is higher); "
                          "%(count)s of %(total)s has an index. The table beside it gives every value.",
                          "Map of the kommuner in %(area)s shaded by their SDG index (darker is higher); "
                          "%(count)s of %(total)s have an index. The table beside it gives every value.",
                          len(measured)) % {"area": area, "count": len(measured), "total": len(places)})
    return spec
