"""The report pages in a real browser: the VLR and the council brief render with their static charts, and axe
finds no WCAG violation."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations

REPORT_PAGES = [
    ("/kommune/4601/rapport/vlr/", "Bergen"),
    ("/kommune/4601/rapport/brief/", "Bergen"),
    ("/fylke/46/rapport/vlr/", "Vestland"),
    ("/kommune/4601/rapport/vlr/?language=en", "Voluntary Local Review"),
]


@pytest.mark.parametrize("path, heading", REPORT_PAGES)
def test_report_page_has_no_accessibility_violations(page: Page, live_url: str, path: str, heading: str):
    page.goto(live_url + path)
    expect(page.locator("h1")).to_contain_text(heading, ignore_case=True)
    # The static charts are images of their SVG (an inline SVG would need inline styles, which the CSP forbids),
    # each with its text alternative; the browser decodes every one.
    figures = page.locator("figure.report-figure img")
    assert figures.count() >= 1
    for image in figures.all():
        assert image.get_attribute("alt")
        assert image.evaluate("image => image.complete && image.naturalWidth > 0")
    assert axe_violations(page) == []
