"""Trends that know their noise in the review (issue 17): an indicator whose result stores intervals is drawn with
its interval as a shaded band, and the figure's text alternative and its data table say so, as the indicator page
does; an indicator without intervals keeps a plain line chart."""

import re

import pytest
from django.utils import translation

from lokalagenda.measurement.models import IndicatorResult
from lokalagenda.places.place import place_for
from lokalagenda.reports.vlr.content import build_vlr
from lokalagenda.reports.vlr.figures import indicator_series_spec

pytestmark = pytest.mark.django_db

INDICATOR = "VAX_MEASLES_AGE2"
LEKA = "5052"
BAND_SENTENCE = "A shaded band around the line of Leka shows its 95 per cent interval each year"


def _entry(place: str, *, draw: bool = False):
    with translation.override("en"):
        content = build_vlr(place_for(place), "en", draw=draw)
    return next(entry for section in content.goals for entry in section.indicators
                if entry.indicator.pk == INDICATOR)


def test_the_review_shades_the_interval_of_an_indicator_with_a_denominator(measured):
    entry = _entry(LEKA, draw=True)
    stored = {row[0]: row[1:3] for row in IndicatorResult.objects.get(
        run=measured, place=LEKA, indicator=INDICATOR).uncertainty["intervals"]}
    assert {row["year"]: [row["lower"], row["upper"]] for row in entry.band.rows} == stored
    assert entry.band.label == "95 per cent interval"
    assert BAND_SENTENCE in entry.chart.description
    assert "mark-area" in entry.chart.svg and "mark-line" in entry.chart.svg
    with_limits = [row for row in entry.series if row["interval"] is not None]
    assert with_limits and all(tuple(stored[row["year"]]) == row["interval"] for row in with_limits)


def test_the_review_page_describes_the_band_and_gives_its_limits_in_the_table(measured, client):
    html = client.get(f"/kommune/{LEKA}/rapport/vlr/?language=en").content.decode()
    figure = re.search(r'<img src="data:image/svg\+xml;base64,[^"]+" alt="(Line chart of [^"]*)"', html)
    assert figure and BAND_SENTENCE in figure.group(1)
    assert '<th scope="col" class="numeric">Leka: 95 per cent interval</th>' in html
    assert re.search(r'<td class="numeric">[0-9.,]+–[0-9.,]+</td>', html)


def test_an_indicator_without_intervals_keeps_a_plain_line_chart_and_table(measured, client):
    IndicatorResult.objects.filter(run=measured, place=LEKA).update(uncertainty={})
    entry = _entry(LEKA, draw=True)
    assert entry.band is None and "mark-area" not in entry.chart.svg
    assert "shaded band" not in entry.chart.description
    html = client.get(f"/kommune/{LEKA}/rapport/vlr/?language=en").content.decode()
    assert "per cent interval" not in html


def test_a_share_is_drawn_on_an_axis_from_zero_as_on_the_indicator_page():
    rows = [{"year": 2017, "kommune": 71.4}, {"year": 2018, "kommune": 55.0}]

    def zero(share: bool) -> bool:
        with translation.override("en"):
            spec = indicator_series_spec(rows, {"kommune": "Leka"}, title="Measles", unit="per cent", share=share)
        encodings = [layer["encoding"]["y"] for layer in spec.get("layer", [spec]) if "y" in layer.get("encoding", {})]
        return all(encoding["scale"]["zero"] for encoding in encodings) and bool(encodings)

    assert zero(True) and not zero(False)
