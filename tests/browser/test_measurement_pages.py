"""The measurement pages in a real browser: every chart and map draws, and axe finds no WCAG violation."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations

PAGES = [
    ("/kommune/4601/indikator/VAX_MEASLES_AGE2/", re.compile("Bergen"), 3),
    ("/kommune/5052/indikator/VAX_MEASLES_AGE2/", re.compile("Leka"), 3),
    ("/sammenlign/?kommune=0301&kommune=4601", re.compile("Sammenlign|Compare", re.I),  1),
    ("/nasjonalt/", re.compile("Nasjonal|National", re.I), 1),
    ("/fylke/46/mal/3/", re.compile("Mål 3|Goal 3"), 0),
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


def test_a_small_kommune_s_noisy_trend_is_grey_with_its_reason_and_its_interval_a_band(page: Page, live_url: str):
    """Leka's measles coverage at age 2 (a handful of children a year): the trend says there are too few residents
    to say anything for certain, in the muted colour, with why; the series chart shades the yearly intervals."""
    page.goto(live_url + "/kommune/5052/indikator/VAX_MEASLES_AGE2/")
    trend = page.locator('[data-trend="too_uncertain"]')
    expect(trend).to_contain_text(re.compile("for få innbyggere til å si noe sikkert|too few residents"))
    assert trend.evaluate("element => getComputedStyle(element).color") != page.locator("h1").evaluate(
        "element => getComputedStyle(element).color")
    expect(page.locator('[data-noise="too_uncertain"]')).to_be_visible()
    chart = page.locator('[data-vega-spec="series-spec"]')
    chart.scroll_into_view_if_needed()
    expect(chart).to_have_attribute("data-rendered", "true", timeout=15_000)
    assert chart.locator("path[aria-roledescription='area mark'], g.mark-area path").count() > 0
