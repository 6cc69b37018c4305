"""Charts and maps of reports: Vega-Lite specs (reusing the measurement and places builders) rendered to static
SVG by vl-convert, so neither the HTML report nor the PDF needs a browser to draw them.

Each figure keeps its spec's ``description`` as the text alternative; the report shows the same numbers as a
table. Colour is never the only carrier: status bars carry the status words in their legend and labels.
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass
from typing import Any

import vl_convert
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lokalagenda.measurement.charts import DASHBOARD_FILL, Band, choropleth, time_series
from lokalagenda.measurement.labels import COLOURS, band_note
from lokalagenda.measurement.tiles import GoalTile
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


#: The tile grid of :func:`goal_tiles_spec`: six tiles a row (SDSN's dashboards' goal grid), in pixels of the
#: static width; a line of text is ``_LINE`` high and about ``_CHARS`` characters wide.
_TILE_COLUMNS, _TILE_GAP, _TILE_PAD, _LINE, _FONT = 6, 6, 4, 11, 9
_TILE_WIDTH = (STATIC_WIDTH - (_TILE_COLUMNS - 1) * _TILE_GAP) / _TILE_COLUMNS
_CHARS = 16
_STRIP = 6
_INK = {"light": "#ffffff", "dark": "#000000"}


def _wrapped(text: str, width: int = _CHARS) -> list[str]:
    return textwrap.wrap(text, width=width, break_long_words=True) or [""]


def _tile_head(tile: GoalTile) -> list[str]:
    return _wrapped(f"{tile.number} {tile.title}", _CHARS - 2 if tile.priority else _CHARS)


def _tile_body(tile: GoalTile) -> list[str]:
    """The lines under a tile's head: the status symbol and words, then score and trend arrow, and data year; for a
    goal without a score "not measured" and why."""
    if not tile.measured:
        return [f"– {_('Not measured')}:", *_wrapped(tile.not_measured)]
    lines = _wrapped(f"{tile.status.symbol} {tile.status_words}")
    score = f"{_('Score')} {tile.score:.0f}" + (f" {tile.trend_symbol}" if tile.trend_symbol else "")
    return [*lines, score, *([tile.year_words] if tile.year_words else [])]


def tile_alt_text(tile: GoalTile) -> str:
    """One tile in words, as the figure's text alternative lists it."""
    parts = [f"{tile.number} {tile.title}"]
    if tile.priority:
        parts.append(_("priority goal"))
    if not tile.measured:
        return ", ".join(parts) + ": " + _("not measured") + " – " + tile.not_measured
    details = [tile.status_words, _("score {score}").format(score=f"{tile.score:.0f}")]
    if tile.trend_words:
        details.append(tile.trend_words)
    if tile.year_words:
        details.append(tile.year_words)
    return ", ".join(parts) + ": " + ", ".join(details)


def goal_tiles_spec(tiles: list[GoalTile], *, place: str) -> dict[str, Any]:
    """The 17 goal tiles of ``place`` as a static grid (``measurement.tiles``, as the place's page shows them): each
    tile's head in the goal's official colour with text that reads on it (``GoalTile.ink``), a star for a priority
    goal, the status symbol and words, the score with its trend arrow and the data year, and a strip in the status
    colour at its foot; a goal without a score says "not measured" and why. The description lists every tile."""
    heads = [_tile_head(tile) for tile in tiles]
    bodies = [_tile_body(tile) for tile in tiles]
    band = _TILE_PAD * 2 + _LINE * max((len(head) for head in heads), default=1)
    height = band + _TILE_PAD * 2 + _LINE * max((len(body) for body in bodies), default=1) + _STRIP
    values = []
    for index, (tile, head, body) in enumerate(zip(tiles, heads, bodies, strict=True)):
        x0 = (index % _TILE_COLUMNS) * (_TILE_WIDTH + _TILE_GAP)
        y0 = (index // _TILE_COLUMNS) * (height + _TILE_GAP)
        values.append({"x0": x0, "x1": x0 + _TILE_WIDTH, "y0": y0, "band": y0 + band, "y1": y0 + height,
                       "strip": y0 + height - _STRIP, "goal": tile.colour, "ink": _INK[tile.ink],
                       "status": DASHBOARD_FILL.get(tile.status.colour if tile.measured else "", DASHBOARD_FILL[""]),
                       "head": "\n".join(head), "body": "\n".join(body), "star": "★" if tile.priority else "",
                       "text_x": x0 + _TILE_PAD, "star_x": x0 + _TILE_WIDTH - _TILE_PAD,
                       "head_y": y0 + _TILE_PAD, "body_y": y0 + band + _TILE_PAD})
    rows = -(-len(tiles) // _TILE_COLUMNS)
    px = {"type": "quantitative", "scale": None, "axis": None}

    def rect(top: str, bottom: str, fill: str, **mark: Any) -> dict[str, Any]:
        return {"mark": {"type": "rect", **mark}, "encoding": {
            "x": {"field": "x0", **px}, "x2": {"field": "x1"}, "y": {"field": top, **px}, "y2": {"field": bottom},
            "fill": {"field": fill, "type": "nominal", "scale": None, "legend": None}}}

    def text(field: str, x: str, y: str, colour: dict[str, Any], **mark: Any) -> dict[str, Any]:
        return {"mark": {"type": "text", "baseline": "top", "lineBreak": "\n", "fontSize": _FONT, **mark},
                "encoding": {"x": {"field": x, **px}, "y": {"field": y, **px},
                             "text": {"field": field, "type": "nominal"}, "color": colour}}

    return {
        "$schema": VEGA_LITE_SCHEMA,
        "description": _("The 17 goals of {place} as tiles: {list}.").format(
            place=place, list="; ".join(tile_alt_text(tile) for tile in tiles)),
        "width": STATIC_WIDTH, "height": rows * height + (rows - 1) * _TILE_GAP,
        "data": {"values": values},
        "config": {"view": {"stroke": None}},
        "layer": [
            rect("y0", "y1", "goal", stroke="#666666", strokeWidth=0.5, fillOpacity=0),
            rect("y0", "band", "goal"),
            rect("strip", "y1", "status"),
            text("head", "text_x", "head_y", {"field": "ink", "type": "nominal", "scale": None, "legend": None},
                 align="left", fontWeight="bold"),
            text("star", "star_x", "head_y", {"field": "ink", "type": "nominal", "scale": None, "legend": None},
                 align="right", fontWeight="bold"),
            text("body", "text_x", "body_y", {"value": "#000000"}, align="left"),
        ],
    }
