"""The front page in a real browser, on the test server's measured data: the country's 17 tiles on the first
screen, the coverage map drawn with its legend and table, the latest changes, axe clean at 1280 and 390 pixels
with no sideways scroll, and screenshots in ``test-artifacts/``."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_front_page_shows_the_country_the_coverage_map_and_the_latest_changes(page: Page, live_url: str,
                                                                              language: str):
    page.context.add_cookies([{"name": "lokalagenda_language", "value": language, "url": live_url}])
    page.goto(live_url + "/")
    tiles = page.locator("[data-goal-tile]")
    expect(tiles).to_have_count(17)
    for tile in tiles.all():  # the country's 17 tiles are on the first screen
        box = tile.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 1100, box
    expect(page.locator("[data-goal-coverage]")).to_be_visible()
    expect(page.locator("[data-latest-changes] [data-change]").first).to_be_visible()
    expect(page.locator("[data-coverage-legend] li")).to_have_count(7)
    chart = page.locator('[data-vega-spec="coverage-map-spec"]')
    chart.scroll_into_view_if_needed()  # charts are drawn as they come into view
    expect(chart).to_have_attribute("data-rendered", "true", timeout=15_000)
    assert page.locator('[data-vega-spec="coverage-map-spec"] svg path').count() > 300
    page.locator("[data-coverage] details summary").click()
    expect(page.locator('#coverage-table tr[data-kommune="4601"]')).to_be_visible()
    page.locator("[data-country-statuses] summary").click()
    expect(page.locator('#country-statuses tr[data-goal="3"]')).to_be_visible()
    assert axe_violations(page) == []
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=f"test-artifacts/front-page-{language}-1280.png", full_page=True)


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_front_page_fits_a_phone_and_has_no_accessibility_violations(phone: Page, live_url: str, language: str):
    phone.context.add_cookies([{"name": "lokalagenda_language", "value": language, "url": live_url}])
    phone.goto(live_url + "/")
    expect(phone.locator("[data-goal-tile]")).to_have_count(17)
    first, second = (phone.locator(f'[data-goal-tile="{number}"]').bounding_box() for number in (1, 2))
    assert first and second and first["y"] == second["y"]  # two tiles a row
    chart = phone.locator('[data-vega-spec="coverage-map-spec"]')
    chart.scroll_into_view_if_needed()
    expect(chart).to_have_attribute("data-rendered", "true", timeout=15_000)
    overflow = phone.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert axe_violations(phone) == []
    phone.evaluate("window.scrollTo(0, 0)")
    phone.screenshot(path=f"test-artifacts/front-page-{language}-390.png", full_page=True)


def test_coverage_map_data_download_is_linked_under_the_map(page: Page, live_url: str):
    page.goto(live_url + "/")
    link = page.locator("[data-coverage] [data-chart-data] a", has_text="CSV")
    expect(link).to_have_attribute("href", re.compile(r"/diagramdata/goal-coverage\.csv$"))
    response = page.request.get(live_url + link.get_attribute("href"))
    assert response.status == 200 and response.text().splitlines()[0].startswith("kommune,name,goals_measured,band")
