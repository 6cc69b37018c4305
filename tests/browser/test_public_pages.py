"""The residents' pages, the widget and the open data page in a real browser: they render, axe finds no WCAG
violation, and the widget shows inside another site's iframe."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

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


@pytest.fixture
def kommune_site(live_url: str) -> Iterator[str]:
    """A kommune's own web page with the widget in an iframe, served from another origin on loopback (another
    port): a page written with set_content has an opaque origin, which no frame-ancestors source matches, and a
    made-up public host may not load from a loopback address (Chromium's private network access rules)."""
    body = ('<!doctype html><html lang="nb"><title>Kommunens nettside</title><main><h1>Kommunens nettside</h1>'
            f'<iframe src="{live_url}/innbygging/kommune/4601/?lang=en" title="Bergen and the goals" width="600" '
            'height="640" loading="lazy"></iframe></main></html>').encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_widget_shows_inside_another_sites_iframe(page: Page, kommune_site: str):
    page.goto(kommune_site)
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
