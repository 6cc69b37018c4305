"""The widget's one chosen indicator (``?indikator=ID``): the kommune's stored value, status and trend with the
publisher and licence; a clear message for an id the catalogue does not have; each indicator cached apart."""

from __future__ import annotations

import pytest

from lokalagenda.measurement.models import IndicatorResult

pytestmark = pytest.mark.django_db


@pytest.fixture
def measured(measured_module, db, client):
    client.cookies["lokalagenda_language"] = "en"
    return measured_module


def test_widget_shows_the_chosen_indicator_of_the_kommune(measured, client):
    response = client.get("/innbygging/kommune/4601/?lang=en&indikator=VAX_MEASLES_AGE2")
    assert response.status_code == 200
    html = response.content.decode()
    bergen = IndicatorResult.objects.get(run=measured, place="4601", indicator="VAX_MEASLES_AGE2")
    assert 'data-widget-indicator="VAX_MEASLES_AGE2"' in html
    assert f"{bergen.value:g}" in html and f"({bergen.year})" in html
    assert "Of the 17 goals" not in html  # the summary of the goals gives way to the one indicator
    assert 'data-widget-source>Source: ' in html
    assert "/kommune/4601/indikator/VAX_MEASLES_AGE2/" in html  # "More about …" leads to the indicator's page


def test_widget_says_which_indicator_is_unknown(measured, client):
    response = client.get("/innbygging/kommune/4601/?lang=en&indikator=NO_SUCH")
    assert response.status_code == 404
    html = response.content.decode()
    assert "There is no indicator “NO_SUCH” in the catalogue." in html and "data-widget-message" in html


def test_widget_without_an_indicator_keeps_the_summary_and_each_indicator_is_cached_apart(measured, client):
    summary = client.get("/innbygging/kommune/4601/?lang=en").content.decode()
    assert "Of the 17 goals" in summary
    chosen = client.get("/innbygging/kommune/4601/?lang=en&indikator=VAX_MEASLES_AGE2").content.decode()
    assert "Of the 17 goals" not in chosen
    again = client.get("/innbygging/kommune/4601/?lang=en").content.decode()
    assert "Of the 17 goals" in again
