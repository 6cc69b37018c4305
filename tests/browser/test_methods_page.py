"""The methods page in a real browser: axe finds no WCAG violation, it fits a phone screen, and the "how we
calculate" link next to a kommune's scores lands on the score section."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations


def test_methods_page_has_no_accessibility_violations(page: Page, live_url: str):
    page.goto(f"{live_url}/metode/")
    expect(page.locator("h1")).to_be_visible()
    assert axe_violations(page) == []


def test_methods_page_does_not_scroll_sideways_on_a_phone(phone: Page, live_url: str):
    phone.goto(f"{live_url}/metode/")
    overflow = phone.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert axe_violations(phone) == []


def test_score_link_on_a_kommune_page_lands_on_the_score_section(page: Page, live_url: str):
    page.goto(f"{live_url}/kommune/0301/")
    page.locator("#status-heading").locator("..").locator(".method-links a[href$='#score']").click()
    page.wait_for_url("**/metode/#score")
    section = page.locator("#score")
    expect(section).to_be_in_viewport()
    assert page.evaluate("() => location.hash") == "#score"
