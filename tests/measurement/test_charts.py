"""Chart specs of the measurement pages: maps refer to the boundary files, share axes start at 0, cut axes say
so, legends are not cut off, and the kommune indicator page stays light."""

import json
import re

import pytest
from django.utils.translation import override

from lokalagenda.measurement.charts import choropleth, colour_map, time_series
from lokalagenda.places.boundaries import boundary_url

ROWS = [{"year": 2020, "series": "Bergen", "value": 92.0}, {"year": 2021, "series": "Bergen", "value": 96.5},
        {"year": 2021, "series": "Median for kommuner med 50 000+ innbyggere", "value": 94.0}]


def _series(rows: list[dict], *, share: bool) -> dict:
    return time_series(rows, series=["Bergen", "Median for kommuner med 50 000+ innbyggere"], description="d",
                       year_label="Year", value_label="percent", series_label="Series", share=share)


def test_share_axis_starts_at_zero():
    y = _series(ROWS, share=True)["encoding"]["y"]
    assert y["scale"] == {"zero": True} and y["title"] == "percent"


def test_an_axis_that_does_not_reach_zero_says_it_is_cut():
    with override("en"):
        y = _series(ROWS, share=False)["encoding"]["y"]
        title = str(y["title"])
    assert y["scale"] == {"zero": False} and "axis cut" in title
    crossing = [*ROWS, {"year": 2022, "series": "Bergen", "value": -1.0}]
    assert _series(crossing, share=False)["encoding"]["y"]["title"] == "percent"


def test_legend_labels_are_never_shortened():
    legend = _series(ROWS, share=True)["encoding"]["color"]["legend"]
    assert legend["labelLimit"] == 0 and legend["columns"] == 1


@pytest.mark.django_db
def test_maps_refer_to_the_boundary_file_and_join_values_by_code():
    places = [("4601", "Bergen", 78.5, {"type": "Polygon"}), ("0301", "Oslo", None, {"type": "Polygon"})]
    spec = choropleth(places, highlight="4601", description="d", value_label="v", name_label="n")
    assert spec["data"]["url"] == boundary_url("kommuner") and "values" not in spec["data"]
    lookup = spec["transform"][0]
    assert lookup["lookup"] == "properties.code" and lookup["from"]["key"] == "code"
    assert lookup["from"]["data"]["values"][0] == {"code": "4601", "name": "Bergen", "value": 78.5}
    words = {"green": "on track", "": "no colour"}
    status = colour_map([("4601", "Bergen", "green", {}), ("4602", "Kinn", "", {})], words=words,
                        description="d", status_label="s", name_label="n")
    assert status["data"]["url"] == boundary_url("fylke-46")
    assert "coordinates" not in json.dumps(spec) + json.dumps(status)


@pytest.mark.django_db
def test_kommune_indicator_page_is_under_250_kb_and_carries_no_geometry(measured_module, client):
    html = client.get("/kommune/4601/indikator/VAX_MEASLES_AGE2/").content
    assert len(html) < 250_000
    assert b"coordinates" not in html
    assert re.search(rb'"url": "/kart/grenser/[0-9a-f]{12}/kommuner\.json"', html)
