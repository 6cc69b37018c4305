"""An editor completes and publishes a materiality assessment in the browser, reads the matrix and confirms the
priority targets; axe finds no WCAG violation on any of the pages, and screenshots go to ``test-artifacts/``.

The pages are found by their form fields and data attributes, not by words, so the test does not depend on the
translations of new texts."""

from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations, log_in

PAGE = "/kommune/4601/vesentlighet/"


def _assess(page: Page, code: str, situation: str, influence: str, rationale: str) -> None:
    prefix = "t" + code.replace(".", "_")
    form = page.locator(f"article#{prefix} form")
    form.locator(f"input[name={prefix}-situation][value={situation}]").check()
    form.locator(f"input[name={prefix}-influence][value={influence}]").check()
    form.locator(f"textarea[name={prefix}-rationale]").fill(rationale)
    form.locator(f"input[name={prefix}-material]").check()
    form.locator(f"input[name={prefix}-involved][value=administration]").check()
    form.locator("button[value=save]").click()
    expect(page.locator(f"article#{prefix} [data-situation]")).to_have_count(0)  # the form page has no judgement
    expect(page.locator(f"article#{prefix} input[name={prefix}-situation][value={situation}]")).to_be_checked()


def test_an_editor_assesses_publishes_and_confirms_priorities(page: Page, live_url: str):
    log_in(page, live_url, "bergen-editor", PAGE + "mal/11/")
    expect(page.locator("article#t11_6")).to_be_visible()
    assert axe_violations(page) == []
    page.screenshot(path="test-artifacts/materiality-goal-1280.png", full_page=True)
    _assess(page, "11.6", "major_challenge", "direct", "Svevestøv fra vedfyring og trafikk om vinteren")
    _assess(page, "11.2", "going_well", "indirect", "Bybanen dekker de fleste bydelene")

    page.goto(live_url + PAGE)
    expect(page.locator('[data-target="11.6"] [data-situation="major_challenge"]')).to_be_visible()
    expect(page.locator(".materiality-status[data-state=draft]")).to_be_visible()
    assert axe_violations(page) == []
    page.locator(f'a[href="{PAGE}publiser/"]').click()
    assert axe_violations(page) == []
    page.locator("main form button[type=submit]").click()
    expect(page.locator("[data-version], .materiality-versions")).not_to_have_count(0)
    expect(page.locator(f'.materiality-versions a[href="{PAGE}versjon/1/"]')).to_be_visible()
    page.screenshot(path="test-artifacts/materiality-assessment-1280.png", full_page=True)

    page.goto(live_url + PAGE + "matrise/")
    cell = page.locator('tr[data-situation="major_challenge"] td[data-influence="direct"]')
    expect(cell).to_contain_text("11.6")
    expect(page.locator('.materiality-suggested [data-target="11.6"]')).to_be_visible()
    assert axe_violations(page) == []
    page.screenshot(path="test-artifacts/materiality-matrix-1280.png", full_page=True)
    confirm = page.locator("form.materiality-confirm")
    expect(confirm.locator('input[name=targets][value="11.6"]')).to_be_checked()  # suggested, so ticked
    expect(confirm.locator('input[name=targets][value="11.2"]')).not_to_be_checked()
    confirm.locator("textarea[name=reason]").fill("Luftkvaliteten er kommunens største utfordring")
    confirm.locator("button[type=submit]").click()
    expect(page).to_have_url(live_url + "/kommune/4601/#priorities-heading")
    expect(page.locator("main")).to_contain_text("Luftkvaliteten er kommunens største utfordring")


def test_the_public_reads_the_published_assessment_without_sideways_scroll(page: Page, live_url: str):
    page.set_viewport_size({"width": 390, "height": 800})
    for path in (PAGE, PAGE + "matrise/"):
        page.goto(live_url + path)
        expect(page.locator("main h1")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert axe_violations(page) == []
