"""The maps' boundary files: simplified, cached forever at a versioned address, and read in for the PDFs."""

import json

import pytest
from django.urls import reverse

from lokalagenda.places.boundaries import (
    boundary_data,
    boundary_url,
    boundary_version,
    inline_boundaries,
    simplify_line,
)
from lokalagenda.places.models import Fylke, Kommune

pytestmark = pytest.mark.django_db


def _points(geometry: dict) -> int:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return sum(len(ring) for polygon in polygons for ring in polygon)


@pytest.mark.parametrize("extent, stored, share", [
    ("kommuner", Kommune.objects.all(), 0.5), ("fylker", Fylke.objects.all(), 0.5),
    ("fylke-46", Kommune.objects.filter(fylke_id="46"), 0.9),  # a fylke's map is larger, so finer
])
def test_boundary_file_is_geojson_with_fewer_points_than_stored(client, extent, stored, share):
    response = client.get(boundary_url(extent))
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    collection = json.loads(response.content)
    assert collection["type"] == "FeatureCollection"
    codes = {feature["properties"]["code"] for feature in collection["features"]}
    assert codes == {place.number for place in stored.all()}
    served = sum(_points(feature["geometry"]) for feature in collection["features"])
    kept = sum(_points(place.boundary) for place in stored.all())
    assert served < kept * share
    assert all(ring[0] == ring[-1] and len(ring) >= 4 for feature in collection["features"]
               for polygon in ([feature["geometry"]["coordinates"]] if feature["geometry"]["type"] == "Polygon"
                               else feature["geometry"]["coordinates"]) for ring in polygon)


def test_boundary_file_may_be_cached_forever_by_anyone(client, django_user_model):
    url = boundary_url("fylker")
    assert boundary_version() in url
    assert client.get(url)["Cache-Control"] == "public, max-age=31536000, immutable"
    client.force_login(django_user_model.objects.create_user("reader", password="a long password 1"))
    assert client.get(url)["Cache-Control"] == "public, max-age=31536000, immutable"  # the same file for all


@pytest.mark.parametrize("extent", ["fylke-99", "fylke-", "nowhere"])
def test_unknown_fylke_or_extent_is_404(client, extent):
    assert client.get(reverse("places:boundaries", kwargs={"version": boundary_version(), "extent": extent})
                      ).status_code == 404


def test_an_old_version_is_sent_on_to_the_current_file(client):
    response = client.get(reverse("places:boundaries", kwargs={"version": "old", "extent": "fylke-03"}))
    assert response.status_code == 302 and response["Location"] == boundary_url("fylke-03")
    assert client.get(reverse("places:boundaries", kwargs={"version": "old", "extent": "fylke-99"})
                      ).status_code == 404


def test_douglas_peucker_keeps_the_ends_and_only_points_beyond_the_tolerance():
    line = [[0.0, 0.0], [2.0, 1.001], [4.0, 2.0], [6.0, 1.0], [8.0, 0.0]]  # longitudes count half
    assert simplify_line(line, tolerance=0.01) == [[0.0, 0.0], [4.0, 2.0], [8.0, 0.0]]
    assert simplify_line(line, tolerance=0.0001) == [[0.0, 0.0], [2.0, 1.001], [4.0, 2.0], [8.0, 0.0]]


def test_inline_boundaries_reads_the_file_into_the_spec_for_drawing_on_the_server(client):
    spec = {"data": boundary_data("fylker"), "layer": [{"data": {"values": [1]}}, {"mark": "geoshape"}]}
    inlined = inline_boundaries(spec)
    assert inlined["data"]["values"] == json.loads(client.get(boundary_url("fylker")).content)
    assert inlined["data"]["format"] == {"type": "json", "property": "features"}
    assert inlined["layer"] == spec["layer"] and "url" in spec["data"]  # the spec itself is left as it was
