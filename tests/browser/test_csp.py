"""The Content-Security-Policy holds in a real browser: every main page renders its charts with no violation."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.test_pages import MAIN_PAGES

# Runs before any script of the page (through the DevTools protocol, which the policy does not govern) and
# records every violation the page causes.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
    + ` at ${event.sourceFile}:${event.lineNumber}`);
});
"""


@pytest.fixture
def csp_page(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    context = browser.new_context(locale="nb-NO", viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: console.append(str(error)))
    yield page, console
    context.close()


def _violations(page: Page, console: list[str]) -> list[str]:
    recorded = page.evaluate("() => window.__cspViolations || []")
    return [*recorded, *(text for text in console if "Content Security Policy" in text or "Refused to" in text)]


@pytest.mark.parametrize("path, heading", MAIN_PAGES)
def test_main_page_draws_with_no_csp_violation(csp_page: tuple[Page, list[str]], live_url: str, path: str,
                                                heading: str) -> None:
    page, console = csp_page
    response = page.goto(live_url + path)
    assert response is not None
    policy = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
    expect(page.locator("h1")).to_contain_text(heading, ignore_case=True)
    for chart in page.locator("[data-vega-spec]").all():
        chart.scroll_into_view_if_needed()  # charts are drawn as they come into view
        expect(chart).to_have_attribute("data-rendered", "true")
        assert chart.locator("svg").count() == 1
    assert _violations(page, console) == []
    assert console == [], f"the page reported errors: {console}"


def test_kommune_page_draws_its_svg_charts_under_the_policy(csp_page: tuple[Page, list[str]], live_url: str) -> None:
    page, console = csp_page
    page.goto(live_url + "/kommune/0301/")
    chart = page.locator('[data-vega-spec="population-spec"]')
    chart.scroll_into_view_if_needed()  # charts are drawn as they come into view
    expect(chart).to_have_attribute("data-rendered", "true")
    assert chart.locator("svg path").count() > 0
    # Tooltips use the vendored stylesheet, not an injected <style> element.
    chart.locator("svg").hover()
    assert page.locator("style#vega-embed-style, style#vega-tooltip-style").count() == 0
    assert _violations(page, console) == []


def test_an_inline_script_is_blocked(csp_page: tuple[Page, list[str]], live_url: str) -> None:
    """The policy is really enforced: a script injected into the page does not run, and is reported."""
    page, console = csp_page
    page.goto(live_url + "/")
    page.evaluate("""() => { const s = document.createElement("script"); s.textContent = "window.__ran = true";
                             document.body.append(s); }""")
    assert page.evaluate("() => window.__ran === true") is False
    assert any("script-src" in violation for violation in _violations(page, console))
