"""No dead ends in the browser: an editor lands on their own kommune after logging in, a search with one hit
opens the kommune (and the back button returns to the search), and the fylke page with its goal status passes
axe."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import PASSWORD, axe_violations


def test_a_bergen_editor_lands_on_bergens_page_after_logging_in(page: Page, live_url: str) -> None:
    page.goto(f"{live_url}/")
    page.locator("#site-menu a[href^='/konto/logg-inn/']").click()
    page.get_by_label("Brukernavn").fill("bergen-editor")
    page.get_by_label("Passord").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{live_url}/kommune/4601/")
    expect(page.locator("#site-menu a[data-own-page]")).to_have_attribute("aria-current", "page")


def test_a_search_with_one_hit_opens_the_kommune_and_back_returns(page: Page, live_url: str) -> None:
    page.goto(f"{live_url}/sok/")  # the front page's finder is a picker (tests/browser/test_pages.py)
    page.locator("#kommune-search").fill("Guovdageaidnu")
    page.locator("#kommune-search").press("Enter")
    expect(page).to_have_url(f"{live_url}/kommune/5612/")
    page.go_back()
    expect(page).to_have_url(re.compile(re.escape(live_url) + "/sok/$"))


def test_the_fylke_page_with_its_goal_status_passes_axe(page: Page, live_url: str) -> None:
    page.goto(f"{live_url}/fylke/46/")
    expect(page.locator("#status-heading")).to_be_visible()
    expect(page.locator("tr.goal-row")).to_have_count(17)
    assert axe_violations(page) == []
