"""Every main page in a real browser: it renders, its charts and maps draw, and axe finds no WCAG violation."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations, log_in

MAIN_PAGES = [
    ("/", "Bærekraftsmålene"),
    ("/mal/", "bærekraftsmålene"),
    ("/mal/11/", "Bærekraftige byer og lokalsamfunn"),
    ("/delmal/11.6/", "11.6"),
    ("/indikator/11.6.1/", "11.6.1"),
    ("/kommune/0301/", "Oslo"),
    ("/kommune/5501/", "Tromsø"),
    ("/kommune/4601/", "Bergen"),
    ("/fylke/", "Fylker"),
    ("/fylke/46/", "Vestland"),
    ("/sok/?q=berg", "Finn en kommune"),
    ("/konto/logg-inn/", "Logg inn"),
    ("/indikatorer/", "Indikatorkatalog"),
    ("/indikatorer/?set=lokalagenda-bundle&with_data=on", "Indikatorkatalog"),
    ("/indikatorer/VAX_MEASLES_AGE2/", "meslinger"),
    ("/indikatorer/POP_TOTAL/revisjon/1/", "Revisjon 1"),
    ("/nasjonalt/", "Nasjonal oversikt"),
    ("/kommune/4601/mal/3/", "Mål 3"),
    ("/sammenlign/?kommune=0301&kommune=4601&kommune=5501", "Sammenlign kommuner"),
    ("/kommune/0301/planer/", "Planene til Oslo"),
    ("/kommune/0301/dekning/", "dekker bærekraftsmålene"),
    ("/kommune/0301/partnerskap/", "Partnerskapene til Oslo"),
    ("/erfaringer/", "Erfaringsbank"),
    ("/erfaringer/?q=klimagassutslipp", "Erfaringsbank"),
    ("/partnerskap/", "Partnerskap i Norge"),
    ("/partnerskap/partnere/", "Partnere"),
    ("/nettverk/", "Nettverk for kommuner"),
]


@pytest.mark.parametrize("path, heading", MAIN_PAGES)
def test_main_page_has_no_accessibility_violations(page: Page, live_url: str, path: str, heading: str):
    page.goto(live_url + path)
    expect(page.locator("h1")).to_contain_text(heading, ignore_case=True)
    for chart in page.locator("[data-vega-spec]").all():
        chart.scroll_into_view_if_needed()  # charts are drawn as they come into view
        expect(chart).to_have_attribute("data-rendered", "true")
    assert axe_violations(page) == []


@pytest.mark.parametrize("number, name", [("0301", "Oslo"), ("5501", "Tromsø"), ("4601", "Bergen")])
def test_kommune_page_draws_population_chart_and_map(page: Page, live_url: str, number: str, name: str):
    page.goto(f"{live_url}/kommune/{number}/")
    expect(page.locator("h1")).to_have_text(name)
    chart = page.locator('[data-vega-spec="population-spec"]')
    chart.scroll_into_view_if_needed()  # charts are drawn as they come into view
    expect(chart).to_have_attribute("data-rendered", "true")
    assert chart.locator("svg path").count() > 0
    kommune_map = page.locator('[data-vega-spec="map-spec"]')
    kommune_map.scroll_into_view_if_needed()
    expect(kommune_map).to_have_attribute("data-rendered", "true")
    assert kommune_map.locator("svg path").count() > 1
    page.screenshot(path=f"test-artifacts/kommune-{number}.png", full_page=True)


def test_kommune_page_lists_indicator_values_with_their_source(page: Page, live_url: str):
    page.goto(live_url + "/kommune/4601/")
    table = page.locator("#indicators-heading + .table-scroll > table")
    expect(table.get_by_role("link", name="Folkemengde 1. januar")).to_be_visible()
    expect(table).to_contain_text("SSB")
    table.get_by_role("link", name="Folkemengde 1. januar").click()
    expect(page.locator("h1")).to_have_text("Folkemengde 1. januar")


def test_bergen_dashboard_shows_goals_with_words_not_only_colours(page: Page, live_url: str):
    page.goto(live_url + "/kommune/4601/")
    status = page.locator("#status-heading").locator("xpath=..")
    expect(status.locator("tr.goal-row")).to_have_count(17)
    expect(status).to_contain_text("Meslinger", ignore_case=True)
    page.screenshot(path="test-artifacts/kommune-4601-dashboard.png", full_page=True)
    assert axe_violations(page) == []


def test_oslo_shows_its_sami_name(page: Page, live_url: str):
    page.goto(live_url + "/kommune/0301/")
    expect(page.locator('[lang="smi"]')).to_have_text("Oslove")


@pytest.mark.parametrize("button, language, heading", [
    ("norsk (nynorsk)", "nn", "Dei 17 berekraftsmåla"), ("English", "en", "The 17 Sustainable Development Goals"),
])
def test_language_switcher_changes_the_page(page: Page, live_url: str, button: str, language: str, heading: str):
    page.goto(live_url + "/mal/")
    page.get_by_role("button", name=button).click()
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("h1")).to_have_text(heading)
    assert page.url.endswith("/mal/")
    assert axe_violations(page) == []


def test_skip_link_is_the_first_stop_and_moves_focus_to_main(page: Page, live_url: str):
    page.goto(live_url + "/kommune/0301/")
    page.keyboard.press("Tab")
    skip = page.locator(".ds-skip-link")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_search_finds_a_kommune_with_the_keyboard(page: Page, live_url: str):
    page.goto(live_url + "/sok/")
    page.get_by_label("Finn en kommune etter navn eller nummer").fill("Ber")
    page.keyboard.press("Enter")
    page.get_by_role("link", name="4601 Bergen").click()
    expect(page.locator("h1")).to_have_text("Bergen")


def test_front_page_finder_opens_a_kommune_chosen_with_the_keyboard(page: Page, live_url: str):
    page.goto(live_url + "/")
    box = page.get_by_role("combobox", name="Finn en kommune etter navn eller nummer")
    box.fill("bergen")
    expect(page.get_by_role("option", name="Bergen (4601)")).to_be_visible()
    page.keyboard.press("Enter")  # chooses the highlighted kommune
    page.keyboard.press("Enter")  # the list is closed: submits the form
    expect(page.locator("h1")).to_have_text("Bergen")


def test_editor_publishes_priorities_that_the_public_then_sees(page: Page, live_url: str, browser):
    log_in(page, live_url, "oslo-editor", "/kommune/0301/prioriteringer/rediger/")
    expect(page.locator("h1")).to_contain_text("Oslo")
    assert axe_violations(page) == []
    page.get_by_label("Begrunnelse").fill("Oslo prioriterer klima og gode byrom.")
    page.get_by_label("Mål 13: Stoppe klimaendringene").check()
    page.get_by_label("Publisert (synlig for alle)").check()
    page.get_by_role("button", name="Lagre").click()
    expect(page.locator("h1")).to_have_text("Oslo")
    anonymous = browser.new_context().new_page()
    anonymous.goto(live_url + "/kommune/0301/")
    expect(anonymous.locator("#priorities-heading + p")).to_contain_text("Oslo prioriterer klima")
    anonymous.context.close()


def test_national_editor_corrects_a_machine_translation(page: Page, live_url: str):
    log_in(page, live_url, "national-editor", "/delmal/10.3/rett-tekst/")
    assert axe_violations(page) == []
    page.get_by_label("Tekst på bokmål").fill("Sikre like muligheter og redusere ulikhet i resultater")
    page.get_by_role("button", name="Lagre").click()
    expect(page.locator(".goal-banner p.lead")).to_have_text("Sikre like muligheter og redusere ulikhet i resultater")
    expect(page.locator(".goal-banner .machine-tag")).to_have_count(0)


def test_editor_defines_a_local_indicator_and_imports_its_values(page: Page, live_url: str, tmp_path):
    log_in(page, live_url, "oslo-editor", "/indikatorer-lokale/ny/")
    assert axe_violations(page) == []
    page.get_by_label("Navn (bokmål)").fill("Andel elever som sykler til skolen")
    page.get_by_label("Enhet").fill("percent")
    page.get_by_role("button", name="Lagre").click()
    expect(page.locator("h1")).to_have_text("Andel elever som sykler til skolen")
    indicator_id = page.url.rstrip("/").rsplit("/", 1)[-1]
    data = tmp_path / "sykkel.csv"
    data.write_text(f"indikator;kommunenummer;år;verdi\n{indicator_id};0301;2023;31,5\n{indicator_id};0301;2024;34\n",
                    encoding="utf-8")
    page.goto(live_url + "/importer/")
    assert axe_violations(page) == []
    page.get_by_label("Fil", exact=True).set_input_files(str(data))
    page.get_by_role("button", name="Kontroller filen").click()
    expect(page.locator("h1")).to_have_text("sykkel.csv")
    expect(page.locator("#preview-heading")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Importer filen").click()
    expect(page.locator("#job-status")).to_contain_text("importert")
    page.get_by_role("link", name=f"{indicator_id}: revisjon 1").click()
    expect(page.locator("h1")).to_have_text("Revisjon 1")
