"""The residents' pages, the widget and the open data page in a real browser: they render, axe finds no WCAG
violation, and the widget shows inside another site's iframe."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations

PUBLIC_PAGES = [
    ("/kommune/4601/innbyggere/", "Bergen"),
    ("/kommune/0301/innbyggere/", "Oslo"),
    ("/fylke/46/innbyggere/", "Vestland"),
    ("/innbygging/kommune/4601/", "Bergen"),
    ("/innbygging/kommune/4601/?lang=en", "Bergen and the UN Sustainable Development Goals"),
    ("/apne-data/", "data"),
]


@pytest.mark.parametrize("path, heading", PUBLIC_PAGES)
def test_public_page_has_no_accessibility_violations(page: Page, live_url: str, path: str, heading: str):
    page.goto(live_url + path)
    expect(page.locator("h1")).to_contain_text(heading, ignore_case=True)
    assert axe_violations(page) == []


def test_widget_shows_inside_another_sites_iframe(page: Page, live_url: str):
    page.set_content(f'<main><h1>Kommunens nettside</h1><iframe src="{live_url}/innbygging/kommune/4601/?lang=en" '
                     'title="Bergen and the goals" width="600" height="640" loading="lazy"></iframe></main>')
    frame = page.frame_locator("iframe")
    expect(frame.locator("h1")).to_have_text("Bergen and the UN Sustainable Development Goals")
    link = frame.get_by_role("link", name="More about Bergen on Lokalagenda (opens in a new window)")
    expect(link).to_have_attribute("target", "_blank")
    expect(link).to_have_attribute("rel", "noopener")
    page.screenshot(path="test-artifacts/widget-4601.png", full_page=True)


def test_residents_page_offers_the_embed_code(page: Page, live_url: str):
    page.goto(live_url + "/kommune/4601/innbyggere/")
    code = page.locator("#embed-code")
    src = re.escape(f'<iframe src="{live_url}/innbygging/kommune/4601/?lang=nb" title="')
    expect(code).to_have_value(re.compile(src + r'[^"]+Bergen" width="100%" height="640" loading="lazy"></iframe>'))
    page.screenshot(path="test-artifacts/residents-4601.png", full_page=True)
