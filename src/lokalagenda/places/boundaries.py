"""Simplified boundaries for the maps of the pages, served once as a static JSON file per map extent.

A map spec no longer carries its geometry inline (757 KB of GeoJSON on the national map): it refers to
``boundary_data(extent)``, a URL with a version in its path (so browsers keep the file for a year), and joins its
values by code with a Vega-Lite ``lookup``. The extents are the fylker of the country (``fylker``), every kommune
(``kommuner``) and the kommuner of one fylke (``fylke-03``).

Simplification is Douglas–Peucker per ring, longitudes counted at half their length (cos 60°, the middle of
Norway), with a tolerance in degrees of latitude and coordinates rounded to a number of decimals that suit the
map's scale (``PRECISION``): the country maps are about 520 px for 1,700 km, so 3 km a pixel, and take 0.02°
(about 2 km) and 3 decimals (about 100 m); a fylke's map takes 0.005° (about 550 m) and 4 decimals. A ring left
with fewer than four points (an islet) is dropped unless it is a place's first ring. Neighbours are simplified
one by one, so their shared border may part by up to the tolerance: below a pixel on the pages' maps.

Sizes on the 2024 bundle (stored: 31,089 points for the kommuner, 16,544 for the fylker): every kommune 7,679
points and 156 KB, the fylker 4,051 points and 65 KB, the kommuner of one fylke 11–77 KB. Stored boundaries are
left as they are; the PDF reports inline the simplified file (:func:`inline_boundaries`), as they are drawn
on the server.
"""

from __future__ import annotations

import copy
import hashlib
import json
import time
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Sum, TextField
from django.db.models.functions import Cast, Length
from django.urls import Resolver404, resolve, reverse

from lokalagenda.core.geography import rewind_for_spherical_rendering
from lokalagenda.places.models import Fylke, Kommune
from lokalagenda.places.place import PlaceKind, fylke_of, kind_of

#: Douglas–Peucker tolerance in degrees of latitude, and the decimals kept of each coordinate, by scale.
PRECISION = {"country": (0.02, 3), "fylke": (0.005, 4)}
TOLERANCE, DIGITS = PRECISION["fylke"]
#: Longitude degrees count this much of a latitude degree in the distance (cos 60°).
LONGITUDE_WEIGHT = 0.5
#: Changes whenever the files would change for the same stored boundaries (the method or its parameters).
METHOD_VERSION = f"dp-{PRECISION}-{LONGITUDE_WEIGHT}-1"
#: How long a process trusts the version it read from the database (seconds).
VERSION_MEMORY = 60.0
FORMAT = {"type": "json", "property": "features"}

_version_memo: tuple[float, str] | None = None


class UnknownExtent(LookupError):
    """No map extent of that name (or no fylke of that number)."""


def _distance(point: list[float], start: list[float], end: list[float]) -> float:
    """Distance of ``point`` from the segment ``start``–``end``, longitudes weighted."""
    px, py = point[0] * LONGITUDE_WEIGHT, point[1]
    sx, sy = start[0] * LONGITUDE_WEIGHT, start[1]
    ex, ey = end[0] * LONGITUDE_WEIGHT, end[1]
    dx, dy = ex - sx, ey - sy
    length = dx * dx + dy * dy
    if length == 0:
        return float(((px - sx) ** 2 + (py - sy) ** 2) ** 0.5)
    t = max(0.0, min(1.0, ((px - sx) * dx + (py - sy) * dy) / length))
    return float(((px - sx - t * dx) ** 2 + (py - sy - t * dy) ** 2) ** 0.5)


def simplify_line(points: list[list[float]], tolerance: float = TOLERANCE) -> list[list[float]]:
    """Douglas–Peucker: the points of ``points`` that keep the line within ``tolerance`` (ends always kept)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, index = 0.0, first
        for i in range(first + 1, last):
            distance = _distance(points[i], points[first], points[last])
            if distance > farthest:
                farthest, index = distance, i
        if farthest > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def _ring(ring: list[list[float]], tolerance: float, digits: int) -> list[list[float]]:
    return [[round(x, digits), round(y, digits)] for x, y, *_rest in simplify_line(ring, tolerance)]


def simplify_geometry(geometry: dict[str, Any], tolerance: float = TOLERANCE, digits: int = DIGITS) -> dict[str, Any]:
    """A Polygon or MultiPolygon simplified ring by ring; rings that collapse below four points are dropped,
    except the first ring of the first polygon, so every place keeps a shape."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    kept: list[list[list[list[float]]]] = []
    for number, rings in enumerate(polygons):
        simplified = [_ring(ring, tolerance, digits) for ring in rings]
        exterior = simplified[0] if len(simplified[0]) >= 4 else (rings[0] if number == 0 else None)
        if exterior is None:
            continue
        kept.append([exterior, *(ring for ring in simplified[1:] if len(ring) >= 4)])
    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": kept[0]}
    return {"type": "MultiPolygon", "coordinates": kept}


def _places(extent: str) -> list[tuple[str, Any]]:
    if extent == "fylker":
        return list(Fylke.objects.values_list("number", "boundary"))
    if extent == "kommuner":
        return list(Kommune.objects.values_list("number", "boundary"))
    if extent.startswith("fylke-") and Fylke.objects.filter(number=extent.removeprefix("fylke-")).exists():
        return list(Kommune.objects.filter(fylke_id=extent.removeprefix("fylke-")).values_list("number", "boundary"))
    raise UnknownExtent(extent)


def build_collection(extent: str) -> dict[str, Any]:
    """The simplified FeatureCollection of an extent, rewound for Vega; features carry only their ``code``."""
    tolerance, digits = PRECISION["fylke" if extent.startswith("fylke-") else "country"]
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code": code},
         "geometry": rewind_for_spherical_rendering(simplify_geometry(boundary, tolerance, digits))}
        for code, boundary in _places(extent) if boundary]}


def boundary_version() -> str:
    """A short hash of the stored boundaries (count and size per table) and the method; read at most once a
    minute per process, so a page pays nothing for it."""
    global _version_memo
    now = time.monotonic()
    if _version_memo is not None and now - _version_memo[0] < VERSION_MEMORY:
        return _version_memo[1]
    size = Sum(Length(Cast("boundary", TextField())))
    stamp = [model.objects.aggregate(n=Count("pk"), size=size) for model in (Fylke, Kommune)]
    version = hashlib.sha256(f"{stamp}|{METHOD_VERSION}".encode()).hexdigest()[:12]
    _version_memo = (now, version)
    return version


def collection_bytes(extent: str, version: str) -> bytes:
    """The JSON file of an extent at a version, built once and kept in the cache."""
    key = f"boundaries:{version}:{extent}"
    content: bytes | None = cache.get(key)
    if content is None:
        content = json.dumps(build_collection(extent), separators=(",", ":")).encode("utf-8")
        cache.set(key, content, None)
    return content


def boundary_url(extent: str) -> str:
    return reverse("places:boundaries", kwargs={"version": boundary_version(), "extent": extent})


def boundary_data(extent: str) -> dict[str, Any]:
    """The Vega-Lite ``data`` of a map of ``extent``: the URL of its file and how to read the features."""
    return {"url": boundary_url(extent), "format": dict(FORMAT)}


def extent_for(codes: list[str]) -> str:
    """The smallest extent holding ``codes``: the fylker, the kommuner of one fylke, or every kommune."""
    if codes and all(kind_of(code) is PlaceKind.FYLKE for code in codes):
        return "fylker"
    fylker = {fylke_of(code) for code in codes}
    only = fylker.pop() if len(fylker) == 1 else None
    return f"fylke-{only}" if only else "kommuner"


def _inline(data: Any) -> Any:
    if not isinstance(data, dict) or "url" not in data:
        return data
    try:
        match = resolve(data["url"])
    except Resolver404:
        return data
    if match.view_name != "places:boundaries":
        return data
    collection = json.loads(collection_bytes(match.kwargs["extent"], boundary_version()))
    return {"values": collection, "format": data.get("format", dict(FORMAT))}


def inline_boundaries(spec: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``spec`` whose boundary URLs are replaced by the files' contents, for drawing on the server
    (vl-convert fetches nothing)."""
    inlined = copy.deepcopy(spec)
    for view in [inlined, *inlined.get("layer", [])]:
        if "data" in view:
            view["data"] = _inline(view["data"])
    return inlined
