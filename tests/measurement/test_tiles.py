"""The 17 goal tiles of a place (``measurement.tiles``): the stored results in goal order with the status in words
that say what the colour compares, score, trend, data years, priority, link, or "not measured" with the reason;
the coverage line under them; and a band text colour that meets WCAG AA on every official goal colour."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from lokalagenda.core.observations import COUNTRY
from lokalagenda.framework.models import Goal
from lokalagenda.measurement import colour_meaning
from lokalagenda.measurement.colour_meaning import ColourMeaning, Comparison
from lokalagenda.measurement.models import GoalResult, IndicatorResult, PlaceResult
from lokalagenda.measurement.tiles import GoalTile, coverage_line, goal_tiles, ink_on, short_status

BERGEN = "4601"


@pytest.fixture
def measured(measured_module: Any, db: Any) -> Any:
    return measured_module


def _contrast(foreground: str, background: str) -> float:
    """WCAG 2.1's contrast ratio, computed here on its own so the test does not check the code with itself."""
    def luminance(colour: str) -> float:
        red, green, blue = (int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4))
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (red, green, blue)]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.django_db
def test_the_band_text_has_aa_contrast_on_every_official_goal_colour() -> None:
    colours = dict(Goal.objects.values_list("number", "colour"))
    assert len(colours) == 17
    for number, colour in colours.items():
        ink = "#ffffff" if ink_on(colour) == "light" else "#000000"
        assert _contrast(ink, colour) >= 4.5, (number, colour, ink)
    assert ink_on(colours[7]) == "dark" and ink_on(colours[17]) == "light"  # SDG yellow and navy


def test_a_measured_kommune_has_17_tiles_in_goal_order_with_its_stored_results(measured: Any) -> None:
    with translation.override("en"):
        tiles = goal_tiles(BERGEN, priorities={3, 13})
    assert tiles is not None and tiles.run == measured
    assert [tile.number for tile in tiles.tiles] == list(range(1, 18))
    assert [tile.number for tile in tiles.tiles if tile.priority] == [3, 13]
    stored = {result.goal_id: result for result in GoalResult.objects.filter(run=measured, place=BERGEN)}
    scored = {number for number, result in stored.items() if result.score is not None}
    assert scored and {tile.number for tile in tiles.tiles if tile.measured} == scored
    assert tiles.measured == len(scored)
    for tile in tiles.tiles:
        goal = Goal.objects.get(number=tile.number)
        assert tile.colour == goal.colour and tile.title == goal.short_en
        assert tile.url == f"/kommune/{BERGEN}/mal/{tile.number}/"
        if tile.measured:
            result = stored[tile.number]
            assert tile.score == result.score and tile.scored_indicators == result.scored_indicators
            assert tile.status.colour == result.colour and tile.status.symbol
            with translation.override("en"):
                assert tile.status_words == colour_meaning.colour_words(result.colour, Comparison.RELATIVE)
            assert "kommuner" in tile.status_words  # what a relative colour compares, in words
            assert tile.years is not None and tile.year_words
        else:
            assert tile.score is None and tile.not_measured and tile.status_words == tile.not_measured
            assert tile.years is None and tile.year_words == ""


def test_a_tile_names_the_years_of_the_indicators_that_carry_its_score(measured: Any) -> None:
    tiles = goal_tiles(BERGEN)
    assert tiles is not None
    tile = next(tile for tile in tiles.tiles if tile.measured)
    years = list(IndicatorResult.objects.filter(run=measured, place=BERGEN, too_old=False, score__isnull=False,
                                                indicator__targets__goal=tile.number)
                 .values_list("year", flat=True))
    assert tile.years == (min(years), max(years))


def test_a_goal_without_a_score_says_why(measured: Any) -> None:
    with translation.override("en"):
        tiles = goal_tiles(BERGEN)
    assert tiles is not None
    reasons = {tile.not_measured for tile in tiles.tiles if not tile.measured}
    assert reasons
    for reason in reasons:
        assert (reason in {"none of its indicators has a current figure here", "no indicator can give it a score yet"}
                or reason.startswith("latest figure from ") and reason.endswith("too old to give a status")), reason


def test_the_coverage_line_counts_the_measured_goals_and_says_there_is_no_index(measured: Any) -> None:
    with translation.override("en"):
        tiles = goal_tiles(BERGEN)
    assert tiles is not None
    measured_goals = [tile for tile in tiles.tiles if tile.measured]
    count = sum(tile.scored_indicators for tile in measured_goals)
    noun = "indicator" if count == 1 else "indicators"
    assert tiles.coverage.startswith(f"{len(measured_goals)} of 17 goals measured, from {count} {noun} with a "
                                     "current figure.")
    assert tiles.coverage.endswith("An overall index needs at least 14 measured goals, so there is none.")
    assert "position among the kommuner" in tiles.legend


def test_a_fylke_links_to_its_goal_pages_and_the_country_to_the_goals_own(measured: Any) -> None:
    for place, first, last in (("46", "/fylke/46/mal/1/", "/fylke/46/mal/17/"), (COUNTRY, "/mal/1/", "/mal/17/")):
        tiles = goal_tiles(place)
        assert tiles is not None and len(tiles.tiles) == 17
        assert tiles.tiles[0].url == first and tiles.tiles[16].url == last
        assert any(tile.measured for tile in tiles.tiles)


def test_no_tiles_before_the_first_run(unmeasured: None) -> None:
    assert goal_tiles(BERGEN) is None


def _tile(number: int, scored: int) -> GoalTile:
    meaning = ColourMeaning("green", Comparison.RELATIVE, "●", "", "")
    return GoalTile(number=number, title="", colour="#19486A", ink="light", status=meaning, status_words="",
                    score=50.0 if scored else None, scored_indicators=scored,
                    not_measured="" if scored else "no data")


def test_the_coverage_line_names_goals_on_one_indicator_and_why_there_is_an_index_or_none() -> None:
    tiles = [_tile(number, scored) for number, scored in enumerate([1, 1, 3] + [2] * 12 + [0, 0], start=1)]
    with translation.override("en"):
        line = coverage_line(tiles, PlaceResult(index=61.34), None)
        missing = coverage_line(tiles, PlaceResult(index=None), None)
        nothing = coverage_line([_tile(number, 0) for number in range(1, 18)], None, None)
    assert line == ("15 of 17 goals measured, from 29 indicators with a current figure. 2 goals rest on one "
                    "indicator only. Enough for an overall SDG index: 61.3.")
    assert missing.endswith(" only. No overall index: more than 20 per cent of its indicators have no current figure.")
    assert nothing == "None of the 17 goals is measured yet, so the page shows no status and no overall index."


def test_a_tile_of_mixed_colours_says_it_compares_two_ways() -> None:
    with translation.override("en"):
        mixed = short_status(ColourMeaning("orange", Comparison.MIXED, "◔", "", ""))
        absolute = short_status(ColourMeaning("red", Comparison.ABSOLUTE, "○", "", ""))
    assert mixed == "orange: against kommuner and 2030 target"
    assert absolute == "red: major challenges"
