"""The first screen of a kommune page is its 17 goal tiles (``measurement/_goal_tiles.html``): at 1280 × 900 every
tile lies within the first 900 pixels, with its status in words; at 390 pixels they reflow to two columns with no
sideways scroll; axe finds no WCAG violation (the band text's contrast on the official colours included). The
residents' page opens with the same tiles. Screenshots land in ``test-artifacts/``."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import axe_violations

TILE_BOXES = """() => [...document.querySelectorAll('[data-goal-tile]')].map(tile => {
  const box = tile.getBoundingClientRect();
  return {goal: tile.dataset.goalTile, top: box.top + window.scrollY, bottom: box.bottom + window.scrollY,
          left: box.left, text: tile.innerText};
})"""


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_all_17_tiles_are_in_the_first_900_pixels_at_1280(page: Page, live_url: str, language: str) -> None:
    page.context.add_cookies([{"name": "lokalagenda_language", "value": language, "url": live_url}])
    page.goto(f"{live_url}/kommune/4601/")
    tiles = page.evaluate(TILE_BOXES)
    assert [tile["goal"] for tile in tiles] == [str(number) for number in range(1, 18)]
    below = [(tile["goal"], round(tile["bottom"])) for tile in tiles if tile["bottom"] > 900]
    assert below == [], f"tiles end below the first 900 pixels: {below}"
    assert all(tile["text"].count("\n") >= 1 for tile in tiles)  # a heading and a status in words on each
    assert len({tile["top"] for tile in tiles}) == 3  # six to a row: three rows
    page.screenshot(path=f"test-artifacts/kommune-4601-tiles-{language}-1280.png")
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", ["/kommune/4601/", "/kommune/4601/innbyggere/"])
def test_the_tiles_reflow_to_two_columns_at_390_without_sideways_scroll(phone: Page, live_url: str,
                                                                        path: str) -> None:
    phone.goto(live_url + path)
    tiles = phone.evaluate(TILE_BOXES)
    assert len(tiles) == 17 and len({round(tile["left"]) for tile in tiles}) == 2
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    name = path.strip("/").replace("/", "-")
    phone.screenshot(path=f"test-artifacts/{name}-tiles-nb-390.png", full_page=True)
    assert axe_violations(phone) == []


def test_the_residents_page_opens_with_the_tiles(page: Page, live_url: str) -> None:
    page.goto(f"{live_url}/kommune/4601/innbyggere/")
    tiles = page.evaluate(TILE_BOXES)
    assert len(tiles) == 17 and tiles[0]["top"] < 900
    page.screenshot(path="test-artifacts/kommune-4601-innbyggere-tiles-nb-1280.png")
    assert axe_violations(page) == []
