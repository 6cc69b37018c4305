"""The work list of SDG texts in a real browser: axe finds no WCAG violation, it fits a phone screen, and a national
editor's check of a text shows on it."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations, log_in


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("query", ["", "?kind=indicator&goal=1", "?kind=goal"])
def test_work_list_is_accessible_and_never_scrolls_sideways(page: Page, live_url: str, width: int, query: str):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_url + "/mal/tekster/" + query)
    expect(page.locator("#text-progress tbody tr")).to_have_count(6)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert axe_violations(page) == []


def test_target_page_marks_the_unofficial_translation_accessibly(page: Page, live_url: str):
    page.goto(live_url + "/delmal/1.a/")
    expect(page.locator(".goal-banner .unofficial-tag")).to_have_count(1)
    assert axe_violations(page) == []


def test_national_editor_checks_a_text_and_the_work_list_counts_it(page: Page, live_url: str):
    log_in(page, live_url, "national-editor", "/delmal/16.6/rett-tekst/")
    assert axe_violations(page) == []
    page.locator("input[name=nb_checked]").check()
    page.locator("main form button[type=submit]").click()
    page.goto(live_url + "/mal/tekster/?state=checked&language=nb")
    expect(page.locator("tr[data-code]")).to_have_count(1)
    expect(page.locator('tr[data-code="16.6"]')).to_have_attribute("data-nb-state", "checked")
