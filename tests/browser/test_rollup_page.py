"""The national roll-up page in a real browser: its chart and map draw, axe finds no WCAG violation, and the
Excel download opens with the same goal counts as the page's table."""

from __future__ import annotations

import re
from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations


def test_rollup_page_draws_its_charts_and_has_no_accessibility_violations(page: Page, live_url: str):
    page.context.add_cookies([{"name": "lokalagenda_language", "value": "en", "url": live_url}])
    page.goto(live_url + "/nasjonalt/rapport/?mal=3")
    expect(page.locator("h1")).to_contain_text("National roll-up")
    for chart in page.locator("[data-vega-spec]").all():
        chart.scroll_into_view_if_needed()  # charts are drawn as they come into view
        expect(chart).to_have_attribute("data-rendered", "true")
    assert page.locator('[data-vega-spec="distribution-spec"] svg path').count() > 0
    assert page.locator('[data-vega-spec="map-spec"] svg path').count() > 100
    expect(page.locator("#goal-summary")).to_contain_text("Goal 3")
    assert axe_violations(page) == []
    page.screenshot(path="test-artifacts/rollup.png", full_page=True)


def test_rollup_excel_download_has_the_goal_counts_of_the_page(page: Page, live_url: str, tmp_path: Path):
    page.context.add_cookies([{"name": "lokalagenda_language", "value": "en", "url": live_url}])
    page.goto(live_url + "/nasjonalt/rapport/")
    shown = [int(text) for text in page.locator('#goal-statuses tr[data-goal="3"] td').all_inner_texts()[:6]]
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Excel workbook")).click()
    # Saved under the name the server gave: openpyxl goes by the file's extension, and Playwright's own copy has none.
    assert download.value.suggested_filename.endswith(".xlsx")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    sheet = load_workbook(saved)["goals"]
    rows = list(sheet.iter_rows(values_only=True))
    goal_3 = dict(zip(rows[1], rows[4], strict=True))  # row 1: the reader's names, row 2: the column keys
    assert [goal_3[status] for status in ("green", "yellow", "orange", "red", "no_status", "no_data")] == shown
