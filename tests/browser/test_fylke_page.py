"""The fylke page in the browser at 1280 and 390 pixels: it opens with the fylke's 17 goal tiles, its kommuner's
status per goal is a heat map whose cells carry a symbol (never colour alone) and scrolls in its own labelled
region, nothing scrolls the page sideways, and axe finds no WCAG violation. Screenshots land in test-artifacts/."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.conftest import axe_violations


@pytest.mark.parametrize("width", [1280, 390])
def test_the_fylke_page_shows_its_tiles_and_its_kommuners_heat_map(browser: Browser, live_url: str,
                                                                    width: int) -> None:
    context = browser.new_context(locale="nb-NO", viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{live_url}/fylke/46/")
        expect(page.locator("[data-goal-tile]")).to_have_count(17)
        heatmap = page.locator("#heatmap-caption").locator("xpath=ancestor::table")
        expect(heatmap.locator("tbody tr")).to_have_count(43)
        expect(heatmap.locator("td.heat")).to_have_count(43 * 17)
        assert heatmap.locator("td.heat--green, td.heat--yellow, td.heat--orange, td.heat--red").count() > 0
        symbols = heatmap.locator("td.heat > span[aria-hidden=true]").all_inner_texts()
        assert all(symbol.strip() for symbol in symbols)  # every cell shows a symbol, coloured or not
        region = page.locator(".heat-scroll")
        expect(region).to_have_attribute("role", "region")
        expect(region).to_have_attribute("aria-labelledby", "heatmap-caption")
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"the page scrolls sideways at {width} px ({scroll_width} px wide)"
        page.screenshot(path=f"test-artifacts/fylke-46-{width}.png", full_page=True)
        assert axe_violations(page) == []
    finally:
        context.close()
