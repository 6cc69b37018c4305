"""Target suggestions in a real browser: a local goal whose text speaks clearly to no target gets its weak
suggestions under a "no clear match" notice, the page passes axe and fits a phone without scrolling sideways.

The plan is a draft of Bergen, with no target linked, so the pages other browser tests visit do not change."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations, log_in, post_form

PLAN_TITLE = "Møteplan (nettlesertest)"


def _vague_goal_suggestions(page: Page, live_url: str) -> str:
    """The suggestions page of a draft plan's local goal with a text that names no target, registered once."""
    log_in(page, live_url, "bergen-editor", "/kommune/4601/planer/")
    existing = page.get_by_role("link", name=PLAN_TITLE)
    if existing.count():
        plan_url = live_url + (existing.first.get_attribute("href") or "")
    else:
        plan_url = post_form(page, f"{live_url}/kommune/4601/planer/ny/", {
            "kind": "temaplan", "title": PLAN_TITLE, "start_year": "2025", "end_year": "2030", "status": "draft",
            "url": ""})
        post_form(page, plan_url + "mal/ny/", {
            "title": "Møteplan", "description": "Vi skal ha faste møter hver tirsdag.", "order": "1"})
    page.goto(plan_url)
    goal = re.search(r"/mal/(\d+)/rediger/", page.content())
    assert goal is not None
    return f"{plan_url}mal/{goal.group(1)}/forslag/"


def test_weak_suggestions_come_under_a_no_clear_match_notice(page: Page, live_url: str):
    page.goto(_vague_goal_suggestions(page, live_url))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Foreslåtte delmål")
    expect(page.get_by_text("Ingen tydelig treff.")).to_be_visible()
    expect(page.locator(".suggestion-list > li").first).to_contain_text("passer svakt")
    details = page.locator(".suggestion-list details").first
    details.locator("summary").click()
    expect(details).to_contain_text("prosent av forslagene med denne poengsummen")
    assert axe_violations(page) == []


def test_the_notice_and_the_suggestions_fit_a_phone_in_nynorsk(phone: Page, live_url: str):
    address = _vague_goal_suggestions(phone, live_url)
    phone.context.add_cookies([{"name": "lokalagenda_language", "value": "nn", "url": live_url}])
    phone.goto(address)
    expect(phone.get_by_text("Ingen tydeleg treff.")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert axe_violations(phone) == []
