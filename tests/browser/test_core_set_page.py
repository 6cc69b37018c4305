"""The core-set page in a real browser: a national editor changes the set, and the page is axe clean and never
wider than a 390-pixel phone screen."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import axe_violations, log_in

PATH = "/indikatorer/kjernesett/"


def test_national_editor_adds_an_indicator_with_a_reason_and_it_is_in_the_log(page: Page, live_url: str):
    log_in(page, live_url, "national-editor", PATH)
    page.fill("#add-indicator", "VAX_MEASLES_AGE2")
    page.fill("#add-reason", "Vaksinasjon måles årlig for alle kommuner")
    page.locator("form[aria-labelledby=add-heading] button[type=submit]").click()
    expect(page.locator("main [role=status]")).to_be_visible()
    expect(page.locator("#goal-3").locator("..")).to_contain_text("VAX_MEASLES_AGE2")
    expect(page.locator(".coreset-log")).to_contain_text("Vaksinasjon måles årlig for alle kommuner")
    assert axe_violations(page) == []


@pytest.mark.parametrize("width", [390, 1280])
def test_core_set_page_is_axe_clean_and_has_no_horizontal_overflow(browser: Browser, live_url: str, width: int):
    context = browser.new_context(locale="nb-NO", viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(live_url + PATH)
        expect(page.locator("h1")).to_be_visible()
        expect(page.locator("#criteria-heading")).to_be_visible()
        for details in page.locator("details.coreset-indicator").all():
            details.evaluate("element => { element.open = true; }")
        overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"the page is {overflow} px wider than a {width} px screen"
        assert axe_violations(page) == []
    finally:
        context.close()
