"""The twin finder (``/kommune/4601/lignende/``) in a real browser: in bokmål, nynorsk and English, on a desktop and
a 390-pixel phone, axe finds no WCAG violation and nothing scrolls sideways; without JavaScript the sliders'
form still works and the address keeps the weights."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import axe_violations

PATH = "/kommune/4601/lignende/"
SHOTS = Path("/tmp/shots/similar")
HEADINGS = {"nb": "Kommuner som ligner på Bergen", "nn": "Kommunar som liknar på Bergen",
            "en": "Kommuner like Bergen"}
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
WIDER_THAN_THE_SCREEN = "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"


def _page(browser: Browser, live_url: str, language: str, viewport: dict[str, int],
          javascript: bool = True) -> Page:
    context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
    context.add_cookies([{"name": "lokalagenda_language", "value": language, "url": live_url}])
    return context.new_page()


@pytest.fixture
def pages(browser: Browser, live_url: str) -> Iterator[list[Page]]:
    opened: list[Page] = []
    yield opened
    for page in opened:
        page.context.close()


@pytest.mark.parametrize("language", list(HEADINGS))
@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_twin_finder_is_accessible_and_fits_the_screen(browser: Browser, live_url: str, pages: list[Page],
                                                            language: str, width: str):
    page = _page(browser, live_url, language, WIDTHS[width])
    pages.append(page)
    page.goto(live_url + PATH)
    expect(page.locator("h1")).to_have_text(HEADINGS[language])
    expect(page.locator("input[type=range]")).to_have_count(6)
    expect(page.locator("tr[data-kommune]")).to_have_count(11)  # Bergen and its ten nearest
    expect(page.locator("tr[data-kommune]").nth(1)).to_have_attribute("data-kommune", "5001")
    assert not page.evaluate(WIDER_THAN_THE_SCREEN)
    assert axe_violations(page) == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"similar-{language}-{WIDTHS[width]['width']}.png"), full_page=True)


def test_without_javascript_the_sliders_form_keeps_the_weights_in_the_address(browser: Browser, live_url: str,
                                                                            pages: list[Page]):
    page = _page(browser, live_url, "en", WIDTHS["desktop"], javascript=False)
    pages.append(page)
    page.goto(live_url + PATH)
    page.get_by_label("Expenditure need index (KMD)").fill("0")
    page.get_by_label("Residents per km²").fill("3")
    page.get_by_role("button", name="Show kommuner").click()
    page.wait_for_url("**/lignende/?*")
    assert "KMD_EXPENDITURE_NEED_INDEX=0" in page.url and "POP_DENSITY=3" in page.url
    expect(page.get_by_label("Expenditure need index (KMD)")).to_have_value("0")
    expect(page.locator("#weight-KMD_EXPENDITURE_NEED_INDEX-now")).to_contain_text("Weight 0 (default 1)")
    expect(page.locator("tr[data-kommune]")).to_have_count(11)


def test_the_kommune_page_links_to_its_twins(page: Page, live_url: str):
    page.goto(live_url + "/kommune/4601/")
    page.get_by_role("link", name="Kommuner som ligner").first.click()
    expect(page).to_have_url(live_url + PATH)
