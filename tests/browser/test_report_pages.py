"""The report pages in a real browser: the VLR and the council brief render with their static charts, and axe
finds no WCAG violation."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations, log_in

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


def test_editor_writes_a_draft_previews_it_and_publishes_it_for_readers(page: Page, live_url: str, browser):
    log_in(page, live_url, "oslo-editor", "/kommune/0301/rapport/tekster/opening/?language=nb")
    expect(page.locator("h1")).to_contain_text("Oslo")
    assert axe_violations(page) == []
    page.get_by_label("Tekst (Norsk bokmål)").fill("Oslo vil bli en grønnere og mer rettferdig by.")
    page.get_by_role("button", name="Lagre som utkast").click()
    page.goto(live_url + "/kommune/0301/rapport/vlr/?language=nb")
    expect(page.get_by_role("status")).to_contain_text("Forhåndsvisning for organisasjonens redaktører")
    expect(page.locator("main")).to_contain_text("Oslo vil bli en grønnere")
    assert axe_violations(page) == []
    reader = browser.new_context().new_page()
    reader.goto(live_url + "/kommune/0301/rapport/vlr/?language=nb")
    expect(reader.locator("main")).not_to_contain_text("Oslo vil bli en grønnere")
    page.goto(live_url + "/kommune/0301/rapport/tekster/opening/?language=nb")
    page.get_by_role("button", name="Publiser versjon 1").click()
    reader.reload()
    expect(reader.locator("main")).to_contain_text("Oslo vil bli en grønnere")
    reader.context.close()


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_public_vlr_shows_no_instruction_text(page: Page, live_url: str, language: str):
    from django.utils import translation

    from lokalagenda.reports.vlr.sections import SECTIONS

    page.goto(live_url + f"/kommune/4601/rapport/vlr/?language={language}")
    text = page.locator("main").inner_text()
    with translation.override(language):
        instructions = [str(section.instruction) for section in SECTIONS.values()]
    assert not [instruction for instruction in instructions if instruction in text]
    assert "Describe" not in text and "Beskriv" not in text
    # A section the data say nothing about is left out with a note; the others are labelled as generated.
    expect(page.locator("[data-not-written]").first).to_be_visible()
    expect(page.locator("[data-generated]").first).to_be_visible()
    assert axe_violations(page) == []
