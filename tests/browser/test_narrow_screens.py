"""Every page of the browser suite on a 390-pixel phone screen: nothing scrolls sideways, every table sits in a
labelled scroll region, axe finds no WCAG violation, and the site navigation sits behind a menu button that
opens and closes with the mouse and the keyboard and is simply shown without JavaScript."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import PASSWORD, axe_violations
from tests.browser.test_measurement_pages import PAGES as MEASUREMENT_PAGES
from tests.browser.test_pages import MAIN_PAGES
from tests.browser.test_public_pages import PUBLIC_PAGES
from tests.browser.test_report_pages import REPORT_PAGES

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

#: Every page the other browser tests visit without logging in, once each.
ANONYMOUS_PAGES = list(dict.fromkeys(
    [path for path, _heading in MAIN_PAGES + PUBLIC_PAGES + REPORT_PAGES]
    + [path for path, _heading, _charts in MEASUREMENT_PAGES]
    + ["/nasjonalt/rapport/?mal=3", "/nasjonalt/rapport/", "/indikatorer/kjernesett/", "/mal/lokal-relevans/",
       "/delmal/11.5/lokal-relevans/", "/delmal/11.5/", "/kommune/0301/rapport/vlr/?language=nb"]
))

#: The editors' pages the other browser tests visit, by the user who visits them.
EDITOR_PAGES = [
    ("oslo-editor", "/kommune/0301/prioriteringer/rediger/"),
    ("oslo-editor", "/indikatorer-lokale/ny/"),
    ("oslo-editor", "/importer/"),
    ("oslo-editor", "/kommune/0301/rapport/tekster/"),
    ("oslo-editor", "/kommune/0301/rapport/tekster/opening/?language=nb"),
    ("national-editor", "/delmal/10.3/rett-tekst/"),
    ("national-editor", "/delmal/17.17/lokal-relevans/endre/"),
    ("national-editor", "/indikatorer/kjernesett/"),
]

# What sticks out past the right edge of the screen, for the failure message.
WIDE_ELEMENTS = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll("body *")]
    .filter(element => element.getBoundingClientRect().right > width + 1)
    .slice(0, 5)
    .map(element => element.tagName.toLowerCase() + (element.id ? "#" + element.id : "")
      + " " + Math.round(element.getBoundingClientRect().right) + " px");
}"""

# Every table that is not inside a focusable scroll region named by a non-empty label.
UNBOXED_TABLES = """() => [...document.querySelectorAll("main table")].filter(table => {
  const box = table.closest(".table-scroll");
  const label = box && document.getElementById(box.getAttribute("aria-labelledby"));
  return !(box && box.getAttribute("role") === "region" && box.tabIndex === 0 && label && label.textContent.trim());
}).map(table => (table.querySelector("caption") || table).textContent.trim().slice(0, 60))"""


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="nb-NO", viewport=PHONE)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], f"the page reported errors: {errors}"


def _assert_fits_the_screen(page: Page) -> None:
    for chart in page.locator("[data-vega-spec]").all():
        chart.scroll_into_view_if_needed()  # charts are drawn as they come into view
        expect(chart).to_have_attribute("data-rendered", "true", timeout=15_000)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page is {overflow} px wider than the screen: {page.evaluate(WIDE_ELEMENTS)}"
    assert page.evaluate(UNBOXED_TABLES) == []


@pytest.mark.parametrize("path", ANONYMOUS_PAGES)
def test_page_has_no_horizontal_scroll_on_a_phone(phone: Page, live_url: str, path: str):
    phone.goto(live_url + path)
    expect(phone.locator("h1").first).to_be_visible()
    _assert_fits_the_screen(phone)
    assert axe_violations(phone) == []


#: Pages whose tables hold sentences (statuses, descriptions): on a phone each row is a block of its own
#: (``.table-cards``), so no column is out of view and no cell wraps into a narrow strip.
CARD_TABLES = [("/kommune/4601/mal/3/", "Utvikling"), ("/fylke/46/mal/3/", "Utvikling"),
               ("/apne-data/", "Innhold"), ("/indikatorer/", "Geografisk nivå")]


@pytest.mark.parametrize("path, last_column", CARD_TABLES)
def test_tables_of_sentences_are_a_block_per_row_on_a_phone(phone: Page, live_url: str, path: str, last_column: str):
    phone.goto(live_url + path)
    region = phone.locator(".table-scroll:has(table.table-cards)").first
    assert region.evaluate("element => element.scrollWidth <= element.clientWidth")
    expect(region.locator(f'tbody tr td[data-label="{last_column}"]').first).to_be_visible()


@pytest.mark.parametrize("username", sorted({username for username, _path in EDITOR_PAGES}))
def test_editors_pages_have_no_horizontal_scroll_on_a_phone(phone: Page, live_url: str, username: str):
    phone.goto(f"{live_url}/konto/logg-inn/?next=/")
    phone.get_by_label("Brukernavn").fill(username)
    phone.get_by_label("Passord").fill(PASSWORD)
    phone.get_by_role("button", name="Logg inn").click()
    expect(phone.locator("h1").first).to_be_visible()
    for path in [path for user, path in EDITOR_PAGES if user == username]:
        phone.goto(live_url + path)
        expect(phone.locator("h1").first).to_be_visible()
        _assert_fits_the_screen(phone)
        assert axe_violations(phone) == [], path


def test_menu_button_opens_and_closes_the_navigation(phone: Page, live_url: str):
    phone.goto(live_url + "/")
    button = phone.locator("[data-menu-button]")
    expect(button).to_be_visible()
    expect(button).to_have_role("button")
    navigation = phone.locator(f"nav#{button.get_attribute('aria-controls')}")
    expect(navigation).to_have_attribute("aria-label", "Hovedmeny")
    link = navigation.get_by_role("link", name="Indikatorer")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(link).to_be_hidden()

    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(link).to_be_visible()
    assert axe_violations(phone) == []
    button.click()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(link).to_be_hidden()

    # The keyboard: the button takes Enter, the menu's links follow it in the tab order, and Escape closes the
    # menu and gives the focus back to the button.
    button.focus()
    phone.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    phone.keyboard.press("Tab")
    expect(navigation.get_by_role("link").first).to_be_focused()
    phone.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_be_focused()
    phone.keyboard.press("Space")
    expect(link).to_be_visible()
    link.click()
    expect(phone.locator("h1")).to_contain_text("Indikatorkatalog")
    expect(phone.locator("[data-menu-button]")).to_have_attribute("aria-expanded", "false")


def test_navigation_is_shown_without_a_menu_button_on_a_wide_screen(browser: Browser, live_url: str):
    context = browser.new_context(locale="nb-NO", viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto(live_url + "/")
        expect(page.locator("[data-menu-button]")).to_be_hidden()
        expect(page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Indikatorer")).to_be_visible()
    finally:
        context.close()


def test_navigation_is_shown_on_a_phone_without_javascript(browser: Browser, live_url: str):
    context = browser.new_context(locale="nb-NO", viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_url + "/kommune/4601/")
        expect(page.locator("[data-menu-button]")).to_be_hidden()
        expect(page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Indikatorer")).to_be_visible()
        overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0
    finally:
        context.close()
