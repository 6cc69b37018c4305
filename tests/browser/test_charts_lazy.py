"""Charts and maps are drawn when they come into view, fetching the map's boundary file only then; the report's
PDF link says that the PDF is being made; both pages stay free of WCAG violations."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations

INDICATOR_PAGE = "/kommune/4601/indikator/VAX_MEASLES_AGE2/"


def test_a_map_is_drawn_only_after_it_scrolls_into_view(page: Page, live_url: str):
    boundary_files: list[str] = []
    page.on("response", lambda response: boundary_files.append(response.url) if "/kart/grenser/" in response.url
            and response.status == 200 else None)
    page.set_viewport_size({"width": 1280, "height": 600})
    page.goto(live_url + INDICATOR_PAGE)
    page.wait_for_load_state("networkidle")
    chart_map = page.locator('[data-vega-spec="map-spec"]')  # well below the first screen
    assert chart_map.get_attribute("data-rendered") is None and boundary_files == []
    chart_map.scroll_into_view_if_needed()
    expect(chart_map).to_have_attribute("data-rendered", "true", timeout=15_000)
    assert chart_map.locator("svg path").count() > 300  # every kommune's shape, from the boundary file
    assert len(boundary_files) == 1 and boundary_files[0].endswith("/kommuner.json")
    # The numbers of the map stay in the page as a table, drawn or not.
    assert page.locator("details table").count() >= 2
    assert axe_violations(page) == []


def test_the_pdf_link_says_the_pdf_is_being_made_and_then_that_it_is_ready(page: Page, live_url: str):
    page.goto(live_url + "/kommune/4601/rapport/vlr/")
    link = page.locator("a[data-busy-status]")
    status = page.locator("#pdf-status")
    expect(status).to_have_attribute("aria-live", "polite")
    with page.expect_download(timeout=60_000) as download:
        link.click()
        expect(link).to_have_attribute("aria-busy", "true")
        expect(status).to_have_text(link.get_attribute("data-busy-text") or "-")
    assert download.value.suggested_filename.endswith(".pdf")
    expect(status).to_have_text(link.get_attribute("data-done-text") or "-")
    expect(link).not_to_have_attribute("aria-busy", "true")
    assert axe_violations(page) == []


def test_without_javascript_the_pdf_link_is_an_ordinary_download(browser, live_url: str):
    context = browser.new_context(java_script_enabled=False, locale="nb-NO")
    page = context.new_page()
    page.goto(live_url + "/kommune/4601/rapport/vlr/")
    link = page.locator("a[data-busy-status]")
    assert "format=pdf" in (link.get_attribute("href") or "") and link.get_attribute("download") is not None
    context.close()
