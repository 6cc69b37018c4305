"""An editor records the council's decisions in the browser: the VLR adopted by kommunestyret, the priorities
adopted by a committee; the decisions page, the review and the kommune page then show "Vedtatt i …", and the
priorities are marked once they change. axe finds no WCAG violation; screenshots go to ``test-artifacts/``.

The pages are found by form fields and classes, and the badge by its date and case number, so the test does not
depend on the translations of new texts."""

from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations, log_in

DECISIONS = "/kommune/4601/vedtak/"


def _record(page: Page, live_url: str, subject: str, body: str, case_number: str, *, body_name: str = "",
            record_url: str = "") -> None:
    page.goto(live_url + DECISIONS + "ny/")
    form = page.locator("main form.stacked-form").first
    form.locator("select[name=subject]").select_option(subject)
    form.locator("select[name=body]").select_option(body)
    form.locator("input[name=body_name]").fill(body_name)
    form.locator("input[name=decided_on]").fill("2024-06-20")
    form.locator("input[name=case_number]").fill(case_number)
    form.locator("textarea[name=text]").fill("Kommunestyret slutter seg til innstillingen.")
    form.locator("input[name=record_url]").fill(record_url)
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(live_url + DECISIONS)


def _publish_priorities(page: Page, live_url: str, statement: str) -> None:
    page.goto(live_url + "/kommune/4601/prioriteringer/rediger/")
    form = page.locator("main form.stacked-form")
    form.locator("textarea[name=statement]").fill(statement)
    form.locator("input[name=published]").check()
    form.locator("button[type=submit]").click()


def test_an_editor_records_council_decisions_and_the_pages_show_them(page: Page, live_url: str):
    log_in(page, live_url, "bergen-editor", DECISIONS + "ny/")
    expect(page.locator("select[name=subject]")).to_be_visible()
    assert axe_violations(page) == []
    page.screenshot(path="test-artifacts/decisions-form-1280.png", full_page=True)

    _record(page, live_url, "vlr", "kommunestyret", "60/24", record_url="https://www.bergen.kommune.no/sak/60-24")
    badge = page.locator(".decision-badge", has_text="60/24")
    expect(badge).to_contain_text("20.06.2024")
    expect(badge.locator('a[href="https://www.bergen.kommune.no/sak/60-24"]')).to_be_visible()

    _publish_priorities(page, live_url, "Klima og trygg oppvekst")
    _record(page, live_url, "priorities", "utvalg", "31/24", body_name="Utvalg for miljø og byutvikling")
    expect(page.locator(".decision-badge", has_text="31/24")).to_contain_text("Utvalg for miljø og byutvikling")
    expect(page.locator(".decision-badge .ds-tag")).to_have_count(0)
    assert axe_violations(page) == []
    page.screenshot(path="test-artifacts/decisions-list-1280.png", full_page=True)

    page.goto(live_url + "/kommune/4601/rapport/vlr/")
    expect(page.locator(".report__cover .decision-badge")).to_contain_text("60/24")

    _publish_priorities(page, live_url, "Klima, natur og trygg oppvekst")
    page.goto(live_url + "/kommune/4601/")
    priorities = page.locator("section[aria-labelledby=priorities-heading] .decision-badge")
    expect(priorities).to_contain_text("31/24")
    expect(priorities.locator(".ds-tag[data-color=warning]")).to_be_visible()  # changed since the decision
    assert axe_violations(page) == []
    page.screenshot(path="test-artifacts/decisions-kommune-page-1280.png", full_page=True)


def test_the_decisions_page_fits_a_narrow_screen(page: Page, live_url: str):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(live_url + DECISIONS)
    expect(page.locator("main h1")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe_violations(page) == []
    page.screenshot(path="test-artifacts/decisions-list-390.png", full_page=True)
