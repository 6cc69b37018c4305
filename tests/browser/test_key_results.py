"""Key results and the coverage matrix in a real browser: an Oslo editor's draft plan with a local goal linked to
target 3.b and measured by vaccination coverage shows a progress bar on the kommune's goal page; the coverage page
has the matrix and the summary chart, axe finds no WCAG violation, and nothing scrolls sideways on a phone.

The plan stays a draft, so the pages other browser tests visit without logging in do not change."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import axe_violations, log_in, post_form

PLAN_TITLE = "Handlingsplan for folkehelse (nettlesertest)"
PHONE = {"width": 390, "height": 844}


def _measured_plan(page: Page, live_url: str) -> str:
    """The address of Oslo's draft plan with a measured local goal, registered through the editor's forms once."""
    log_in(page, live_url, "oslo-editor", "/kommune/0301/planer/")
    existing = page.get_by_role("link", name=PLAN_TITLE)
    if existing.count():
        return live_url + (existing.first.get_attribute("href") or "")
    plan_url = post_form(page, f"{live_url}/kommune/0301/planer/ny/", {
        "kind": "temaplan", "title": PLAN_TITLE, "start_year": "2025", "end_year": "2030", "status": "adopted",
        "url": ""})
    post_form(page, plan_url + "mal/ny/", {"title": "Flere barn er vaksinert", "description": "", "order": "1"})
    page.goto(plan_url)
    goal = re.search(r"/mal/(\d+)/rediger/", page.content())
    assert goal is not None
    subject = f"{plan_url}mal/{goal.group(1)}/"
    post_form(page, subject + "delmal/", {"target": "3.b"})
    post_form(page, subject + "indikator/ny/", {
        "indicator": "VAX_DIPHTHERIA_AGE2", "start_value": "60", "start_year": "2020", "target_value": "80",
        "target_year": "2030", "current_value": "69", "current_date": "2024-06-01",
        "current_source": "Helseetaten"})
    return plan_url


@pytest.fixture
def phone_editor(browser: Browser, live_url: str) -> Iterator[Page]:
    context = browser.new_context(locale="nb-NO", viewport=PHONE)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    _measured_plan(page, live_url)
    yield page
    context.close()
    assert errors == [], f"the page reported errors: {errors}"


def test_goal_page_shows_the_key_result_with_its_progress_bar(page: Page, live_url: str):
    _measured_plan(page, live_url)
    page.goto(f"{live_url}/kommune/0301/mal/3/")
    section = page.locator("section.key-results")
    bar = section.get_by_role("progressbar")
    expect(bar).to_have_count(1)
    expect(bar).to_be_visible()
    expect(bar).to_have_attribute("value", "45")
    expect(bar).to_have_accessible_name(re.compile("Vaksinasjonsdekning difteri"))
    expect(section).to_contain_text("Helseetaten")
    assert axe_violations(page) == []


def test_coverage_page_has_the_matrix_and_fits_a_phone(phone_editor: Page, live_url: str):
    page = phone_editor
    page.goto(f"{live_url}/kommune/0301/dekning/")
    matrix = page.locator("table.coverage-matrix")
    expect(matrix).to_be_visible()
    expect(matrix.locator("tbody tr")).to_have_count(17)
    expect(matrix.locator("thead")).to_contain_text(PLAN_TITLE)
    expect(matrix.locator('tr[data-goal="3"] td.heat').first).to_have_attribute("data-heat", "2")
    page.locator("[data-vega-spec]").scroll_into_view_if_needed()  # charts are drawn as they come into view
    expect(page.locator("[data-vega-spec]")).to_have_attribute("data-rendered", "true", timeout=15_000)
    goal_3 = page.locator("details#goal-3")
    goal_3.locator("summary").click()
    expect(goal_3.locator('tr[data-target="3.b"]')).to_be_visible()
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page is {overflow} px wider than the phone's screen"
    assert axe_violations(page) == []
