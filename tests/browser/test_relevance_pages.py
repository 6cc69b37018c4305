"""The pages of the targets' local relevance in a real browser: they render and axe finds no WCAG violation."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import PASSWORD, axe_violations


@pytest.mark.parametrize("path, text", [("/mal/lokal-relevans/", "169"), ("/delmal/11.5/lokal-relevans/", "11.5"),
                                        ("/delmal/11.5/", "11.5")])
def test_relevance_page_has_no_accessibility_violations(page: Page, live_url: str, path: str, text: str):
    page.goto(live_url + path)
    expect(page.locator("main")).to_contain_text(text)
    assert axe_violations(page) == []


def test_national_editor_refines_a_targets_relevance(page: Page, live_url: str):
    page.goto(live_url + "/konto/logg-inn/?next=/delmal/17.17/lokal-relevans/endre/")
    page.get_by_label("Brukernavn").fill("national-editor")
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    assert axe_violations(page) == []
    page.select_option("select[name=fylkeskommune]", "medium")
    page.fill("textarea[name=comment]", "Fylkeskommunens rolle er mindre enn kommunens")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main table")).to_contain_text("Fylkeskommunens rolle er mindre enn kommunens")
