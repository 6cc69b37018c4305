"""Views to share: every chart downloads as PNG and SVG (drawn in the browser) and its data as CSV and Excel
(links that work without JavaScript), and a "Link to this view" restores the state the reader chose."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations

INDICATOR_PAGE = "/kommune/4601/indikator/VAX_MEASLES_AGE2/"
STEM = "bergen-4601-indikator-VAX_MEASLES_AGE2-utvikling-2018"


def _drawn_series(page: Page, live_url: str) -> None:
    page.goto(live_url + INDICATOR_PAGE)
    chart = page.locator("[data-vega-spec='series-spec']")
    chart.scroll_into_view_if_needed()
    expect(chart).to_have_attribute("data-rendered", "true", timeout=15_000)


def _download(page: Page, click: object, tmp_path: Path) -> tuple[str, bytes]:
    with page.expect_download() as info:
        click.click()  # type: ignore[attr-defined]
    download = info.value
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    return download.suggested_filename, target.read_bytes()


def test_a_chart_downloads_as_png_and_svg_named_after_what_and_where(page: Page, live_url: str, tmp_path: Path):
    _drawn_series(page, live_url)
    figure = page.locator("figure", has=page.locator("[data-vega-spec='series-spec']"))
    name, content = _download(page, figure.get_by_role("button", name="PNG"), tmp_path)
    assert name == f"{STEM}.png" and content.startswith(b"\x89PNG")
    name, content = _download(page, figure.get_by_role("button", name="SVG"), tmp_path)
    assert name == f"{STEM}.svg" and b"<svg" in content[:200]
    assert axe_violations(page) == []


def test_a_charts_data_downloads_as_csv_and_excel_with_source_and_licence(page: Page, live_url: str,
                                                                          tmp_path: Path):
    _drawn_series(page, live_url)
    figure = page.locator("figure", has=page.locator("[data-vega-spec='series-spec']"))
    name, content = _download(page, figure.get_by_role("link", name="CSV"), tmp_path)
    assert name == f"{STEM}.csv"
    header = content.decode("utf-8").splitlines()[0].split(",")
    assert header[0] == "year" and header[-2:] == ["source", "licence"]
    name, content = _download(page, figure.get_by_role("link", name="Excel"), tmp_path)
    assert name == f"{STEM}.xlsx" and content.startswith(b"PK")


def test_the_permalink_restores_the_tables_the_reader_opened(page: Page, live_url: str, browser):
    page.goto(live_url + INDICATOR_PAGE)
    page.locator("details[data-view-param] summary").first.click()
    expect(page).to_have_url(re.compile(r"\?visning=tabell$"))
    link = page.locator("a[data-permalink]")  # "Lenke til denne visningen"
    expect(link).to_have_attribute("href", INDICATOR_PAGE + "?visning=tabell")
    # A reader without JavaScript who follows the link sees the tables open: the server renders the state.
    context = browser.new_context(locale="nb-NO", java_script_enabled=False)
    other = context.new_page()
    other.goto(live_url + link.get_attribute("href"))
    opened = other.locator("details[data-view-param]")
    expect(opened).to_have_count(3)
    for details in opened.all():
        expect(details).to_have_attribute("open", "")
    context.close()
    page.locator("details[data-view-param][open] summary").click()  # closing the table takes the state away
    expect(page).to_have_url(live_url + INDICATOR_PAGE)
    expect(link).to_have_attribute("href", INDICATOR_PAGE)


def test_the_kommune_pages_population_chart_downloads_its_data_and_its_image(page: Page, live_url: str,
                                                                             tmp_path: Path):
    page.goto(live_url + "/kommune/4601/")
    chart = page.locator("[data-vega-spec='population-spec']")
    chart.scroll_into_view_if_needed()
    expect(chart).to_have_attribute("data-rendered", "true", timeout=15_000)
    figure = page.locator("figure", has=chart)
    name, content = _download(page, figure.get_by_role("link", name="CSV"), tmp_path)
    assert name == "bergen-4601-folketall.csv"
    assert content.decode("utf-8").splitlines()[0].split(",") == ["year", "population", "source", "licence"]
    name, content = _download(page, figure.get_by_role("button", name="PNG"), tmp_path)
    assert name == "bergen-4601-folketall.png" and content.startswith(b"\x89PNG")
