"""Trends that know their noise, over the real bundle: vaccination coverage at age 2 (a 5-year average of one
cohort of children, estimated from SSB's residents aged 0–17 in the same bundle) in a run stored once."""

import json
import re

import pytest

from lokalagenda.core.measure import noise
from lokalagenda.measurement.models import IndicatorResult, Trend

pytestmark = pytest.mark.django_db

INDICATOR = "VAX_MEASLES_AGE2"
LEKA, BOKN, OSLO = "5052", "1145", "0301"


@pytest.fixture
def measured(measured_module, db, client):
    client.cookies["lokalagenda_language"] = "en"
    return measured_module


def _result(run, place: str) -> IndicatorResult:
    return IndicatorResult.objects.get(run=run, place=place, indicator=INDICATOR)


def test_the_run_stores_the_noise_method_with_its_version_and_parameters(measured):
    intervals, verdicts = measured.methods["rate_intervals"], measured.methods["trend_noise"]
    assert intervals["version"] == verdicts["version"] == noise.VERSION
    assert intervals["parameters"]["confidence"] == 0.95
    assert intervals["parameters"]["denominators"][INDICATOR]["population"] == "age_0_17"
    assert verdicts["parameters"]["max_share_width"] == noise.MAX_SHARE_WIDTH


def test_leka_s_fall_in_coverage_among_a_handful_of_children_is_too_uncertain(measured):
    """Leka (582 residents, 86 aged 0–17 in 2018): 71.4 per cent in 2015 and 55.0 in 2018, among about 24
    children over five cohorts. The SDSN arrow is replaced: nothing sure can be said."""
    leka = _result(measured, LEKA)
    assert leka.trend == Trend.TOO_UNCERTAIN
    assert leka.uncertainty["verdict"] == noise.TOO_UNCERTAIN and leka.uncertainty["sdsn_trend"]
    years = {row[0]: row for row in leka.uncertainty["intervals"]}
    assert years[2018][2] - years[2018][1] > noise.MAX_SHARE_WIDTH


def test_bokn_s_rise_of_several_points_is_within_its_noise(measured):
    bokn = _result(measured, BOKN)
    assert (bokn.trend, bokn.uncertainty["verdict"]) == (Trend.NO_CLEAR_CHANGE, noise.NO_CLEAR_CHANGE)
    assert bokn.uncertainty["change_lower"] < 0 < bokn.uncertainty["change_upper"]


def test_oslo_s_smaller_rise_is_larger_than_its_noise_and_keeps_its_arrow(measured):
    oslo = _result(measured, OSLO)
    assert oslo.uncertainty["verdict"] == noise.CLEAR and oslo.trend == oslo.uncertainty["sdsn_trend"]
    assert oslo.uncertainty["change_lower"] > 0


def test_fylker_and_the_country_get_intervals_from_their_kommuners_residents(measured):
    vestland, country = _result(measured, "46"), _result(measured, "0")
    assert vestland.uncertainty["intervals"] and country.uncertainty["intervals"]
    children = {place: {row[0]: row[3] for row in result.uncertainty["intervals"]}[2018]
                for place, result in (("46", vestland), ("0", country))}
    assert children["0"] > children["46"] > _result(measured, "4601").uncertainty["intervals"][-1][3]


def test_leka_s_indicator_page_shows_the_trend_grey_with_the_reason(measured, client):
    html = client.get(f"/kommune/{LEKA}/indikator/{INDICATOR}/").content.decode()
    assert 'class="trend-word trend--noise" data-trend="too_uncertain"' in html
    assert "too few residents to say anything for certain" in html
    note = re.search(r'data-noise="too_uncertain">([^<]+)<', html)
    assert note and "95 per cent interval of 2018 runs from" in note.group(1) and "shown grey" in note.group(1)


def test_bokn_s_page_says_why_its_change_is_no_clear_change(measured, client):
    html = client.get(f"/kommune/{BOKN}/indikator/{INDICATOR}/").content.decode()
    assert 'data-trend="no_clear_change"' in html
    assert re.search(r"The change from 2015 to 2018 \(\+[0-9.,]+ percentage points\) is within the noise", html)


def test_the_series_chart_shades_the_interval_as_a_band_and_says_so(measured, client):
    html = client.get(f"/kommune/{LEKA}/indikator/{INDICATOR}/").content.decode()
    spec = json.loads(re.search(r'<script id="series-spec" type="application/json">(.*?)</script>', html,
                                re.S).group(1))
    area, line = spec["layer"]
    assert area["mark"]["type"] == "area" and area["encoding"]["y"]["field"] == "lower"
    assert area["encoding"]["y2"]["field"] == "upper" and line["mark"]["type"] == "line"
    assert {row["year"] for row in area["data"]["values"]} >= {2015, 2018}
    assert "shaded band around the line of Leka shows its 95 per cent interval" in spec["description"]
    assert "Leka: 95 per cent interval" in html  # the table's column


def test_an_indicator_page_without_intervals_keeps_a_single_line_chart(measured, client):
    IndicatorResult.objects.filter(run=measured, place=OSLO, indicator=INDICATOR).update(uncertainty={})
    html = client.get(f"/kommune/{OSLO}/indikator/{INDICATOR}/").content.decode()
    spec = json.loads(re.search(r'<script id="series-spec" type="application/json">(.*?)</script>', html,
                                re.S).group(1))
    assert "layer" not in spec and spec["mark"]["type"] == "line"
    assert "per cent interval" not in html
