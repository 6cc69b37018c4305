"""The measurement pages in a real browser: every chart and map draws, and axe finds no WCAG violation."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations

PAGES = [
    ("/kommune/4601/indikator/VAX_MEASLES_AGE2/", re.compile("Bergen"), 3),
    ("/sammenlign/?kommune=0301&kommune=4601", re.compile("Sammenlign|Compare", re.I),  1),
    ("/nasjonalt/", re.compile("Nasjonal|National", re.I), 1),
]


@pytest.mark.parametrize("path, heading, charts", PAGES)
def test_measurement_page_draws_its_charts_and_is_accessible(page: Page, live_url: str, path: str,
                                                               heading: re.Pattern[str], charts: int):
    page.goto(live_url + path)
    expect(page.locator("h1")).to_contain_text(heading)
    drawn = page.locator("[data-vega-spec]")
    expect(drawn).to_have_count(charts)
    for chart in drawn.all():
        chart.scroll_into_view_if_needed()  # charts are drawn as they come into view
        expect(chart).to_have_attribute("data-rendered", "true", timeout=15_000)
        assert chart.locator("svg path").count() > 0
    assert axe_violations(page) == []
    page.screenshot(path=f"test-artifacts/measurement-{path.strip('/').split('/')[0]}.png", full_page=True)
