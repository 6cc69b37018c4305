"""The 404 page in a real browser, served with DEBUG off as in production and ``make demo``: the site's own page with
its styles and ways on, and axe finds no WCAG violation."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, expect

from tests.browser.conftest import axe_violations


def test_the_404_page_is_the_sites_own_and_axe_clean(browser: Browser, live_url: str):
    # Not the page fixture: Chromium reports the 404 itself as a console error ("Failed to load resource").
    context = browser.new_context(locale="nb-NO", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text)
            if message.type == "error" and "404" not in message.text else None)
    try:
        response = page.goto(live_url + "/finnes-ikke/")
        assert response is not None and response.status == 404
        expect(page.locator("h1")).to_have_text("Vi finner ikke den siden")
        expect(page.get_by_role("link", name="Gå til forsiden")).to_be_visible()
        expect(page.get_by_label("Finn en kommune etter navn eller nummer")).to_be_visible()
        # The site's stylesheet applies (WhiteNoise serves it with DEBUG off): the header is laid out as a row.
        assert page.evaluate("getComputedStyle(document.querySelector('.site-header__row')).display") != "block"
        assert axe_violations(page) == []
        page.get_by_label("Finn en kommune etter navn eller nummer").fill("Bergen")
        page.get_by_role("button", name="Søk", exact=True).click()
        expect(page).to_have_url(re.compile(r"/(sok/\?q=Bergen|kommune/4601/)$"))
    finally:
        context.close()
    assert errors == [], f"the page reported errors: {errors}"
