"""The picker in a real browser: comparing kommuner starts from the kommune page and adds kommuner by typing part
of a name; a multiple choice of targets shows removable tags that the keyboard can remove; axe finds nothing; and
without JavaScript the same forms are plain selects that still submit."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import axe_violations, log_in

PRIORITIES = "/kommune/0301/prioriteringer/rediger/"


def _tags(page: Page, field: str):
    return page.locator(f".picker:has(#id_{field}-picker) .picker__tag")


def test_the_compare_link_of_a_kommune_page_opens_the_comparison_with_that_kommune(page: Page, live_url: str):
    page.goto(live_url + "/kommune/4601/")
    page.locator("a[href$='/sammenlign/?kommune=4601']").click()
    expect(page.locator("h1")).to_contain_text(re.compile("Sammenlign", re.I))
    expect(page.locator("table th[scope=col]").first).to_be_visible()
    expect(page.locator("thead th", has_text="Bergen (4601)").first).to_be_visible()
    expect(_tags(page, "kommune")).to_have_text(["Bergen (4601)"])
    page.locator("[data-vega-spec]").scroll_into_view_if_needed()  # charts are drawn as they come into view
    expect(page.locator("[data-vega-spec]")).to_have_attribute("data-rendered", "true", timeout=15_000)
    assert axe_violations(page) == []


def test_typing_part_of_a_name_adds_that_kommune_to_the_comparison(page: Page, live_url: str):
    page.goto(live_url + "/sammenlign/?kommune=4601")
    box = page.get_by_role("combobox", name="Kommuner")
    box.fill("karasjohka")  # the Sámi name Kárášjohka, typed without its accents
    option = page.get_by_role("option", name="Karasjok – Kárášjohka (5610)")
    expect(option).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(page.locator(".picker [role=status]")).to_have_text(re.compile("1"))
    assert axe_violations(page) == []  # with the list open
    page.keyboard.press("Enter")
    expect(_tags(page, "kommune")).to_have_text(["Bergen (4601)", "Karasjok – Kárášjohka (5610)"])
    expect(option).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false")
    page.get_by_role("button", name=re.compile("Sammenlign|Compare")).click()
    expect(page).to_have_url(re.compile(r"kommune=4601&kommune=5610"))
    expect(page.locator("thead th", has_text="Karasjok (5610)").first).to_be_visible()
    page.locator("[data-vega-spec]").scroll_into_view_if_needed()  # charts are drawn as they come into view
    expect(page.locator("[data-vega-spec]")).to_have_attribute("data-rendered", "true", timeout=15_000)
    page.screenshot(path="test-artifacts/pickers-compare.png", full_page=True)


def test_chosen_targets_are_removable_tags_and_are_saved(page: Page, live_url: str):
    log_in(page, live_url, "oslo-editor", PRIORITIES)
    box = page.locator("#id_targets-picker")
    expect(box).to_have_attribute("role", "combobox")
    expect(page.locator("#id_targets_pickerhint")).to_be_hidden()
    for code in ("3.4", "11.6", "13.1"):
        box.fill(code)
        page.keyboard.press("Enter")
    tags = _tags(page, "targets")
    expect(tags).to_have_count(3)
    expect(tags.nth(1)).to_have_attribute("aria-label", re.compile(r"^(Fjern|Remove) 11\.6 "))
    # Keyboard: Enter on a tag removes it and moves the focus to the next tag; Backspace in the box removes the last.
    tags.nth(1).focus()
    page.keyboard.press("Enter")
    expect(tags).to_have_count(2)
    expect(tags.nth(1)).to_be_focused()
    expect(tags).to_have_text([re.compile(r"^3\.4 "), re.compile(r"^13\.1 ")])
    box.fill("")
    box.press("Backspace")
    expect(tags).to_have_count(1)
    box.fill("13.1")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    expect(tags).to_have_count(2)
    assert axe_violations(page) == []
    page.screenshot(path="test-artifacts/pickers-priorities.png", full_page=True)
    page.get_by_role("button", name="Lagre").click()
    expect(page.locator("h1")).to_have_text("Oslo")
    page.goto(live_url + PRIORITIES)
    chosen = page.locator("select[name=targets] option:checked")
    expect(chosen).to_have_count(2)
    expect(chosen).to_have_text([re.compile(r"^3\.4 "), re.compile(r"^13\.1 ")])
    expect(_tags(page, "targets")).to_have_count(2)


def test_without_javascript_the_form_is_a_tall_select_with_a_hint_that_submits(browser: Browser, live_url: str):
    context = browser.new_context(locale="nb-NO", viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    try:
        log_in(page, live_url, "oslo-editor", PRIORITIES)
        select = page.locator("select[name=targets]")
        expect(select).to_be_visible()
        expect(page.locator("#id_targets_pickerhint")).to_be_visible()
        assert select.bounding_box()["height"] > 150
        assert page.locator("[role=combobox]").count() == 0
        values = [select.locator("option", has_text=re.compile(rf"^{re.escape(code)} ")).get_attribute("value")
                  for code in ("6.1", "7.2")]
        select.select_option(values)
        page.get_by_role("button", name="Lagre").click()
        expect(page.locator("h1")).to_have_text("Oslo")
        page.goto(live_url + PRIORITIES)
        expect(page.locator("select[name=targets] option:checked")).to_have_text(
            [re.compile(r"^6\.1 "), re.compile(r"^7\.2 ")])
        page.goto(live_url + "/sammenlign/?kommune=4601")
        kommuner = page.locator("select[name=kommune]")
        kommuner.select_option(["4601", "5001"])
        page.get_by_role("button", name=re.compile("Sammenlign|Compare")).click()
        expect(page.locator("thead th", has_text="Trondheim (5001)").first).to_be_visible()
    finally:
        context.close()
