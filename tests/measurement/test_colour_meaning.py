"""Colours that say what they compare (issue 17, item 3): the helper's words, and every measurement page and the
kommune and fylke dashboards naming, for a relative and an absolute colour, what it compares, and why a grey
cell is grey."""

import pytest
from django.utils import translation

from lokalagenda.measurement import colour_meaning as meaning
from lokalagenda.measurement.colour_meaning import Comparison, PeerGroup
from lokalagenda.measurement.models import GoalResult, IndicatorResult
from tests.colour_words import RELATIVE_WORDS, make_all_absolute

pytestmark = pytest.mark.django_db

ABSOLUTE_CELL = "30 per cent of the way to the 2030 target"
RELATIVE_LEGEND = "The colour shows the position among the kommuner"
ABSOLUTE_LEGEND = "The colour shows the distance to the 2030 target"
MIXED_LEGEND = "Two kinds of colour are shown here"


def _indicator(**fields) -> IndicatorResult:
    values = {"place": "4601", "year": 2024, "value": 90.0, "score": 50.0, "rating": 2.5, "colour": "yellow",
              "colour_is_relative": True, "too_old": False, "distance_score": None}
    return IndicatorResult(**{**values, **fields})


# --- the helper -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("percentile", "words"), [
    (100, "among the best 25 per cent of the kommuner in the country"),
    (75, "among the best 25 per cent of the kommuner in the country"),
    (74.9, "above the middle: better than half of the kommuner in the country"),
    (50, "above the middle: better than half of the kommuner in the country"),
    (49, "below the middle: weaker than half of the kommuner in the country"),
    (24.9, "among the weakest 25 per cent of the kommuner in the country"),
    (0, "among the weakest 25 per cent of the kommuner in the country"),
])
def test_a_percentile_reads_as_its_quartile_among_the_kommuner(percentile, words):
    with translation.override("en"):
        assert meaning.quartile_sentence(percentile) == words


def test_the_quartile_names_its_group_and_bokmal_says_prosent():
    with translation.override("en"):
        assert meaning.quartile_sentence(80, PeerGroup.SIZE).endswith("of the kommuner of the same size")
        assert meaning.quartile_sentence(10, PeerGroup.FYLKE).endswith("of the kommuner in the fylke")


def test_a_relative_indicator_colour_is_its_quartile_from_its_rating():
    with translation.override("en"):
        found = meaning.indicator_meaning(_indicator(rating=3.2, colour="green"))
    assert found.comparison is Comparison.RELATIVE
    assert found.words == "green: among the best 25 per cent of the kommuner in the country"
    assert "target" not in found.words


def test_an_absolute_indicator_colour_is_the_way_gone_to_the_2030_target():
    with translation.override("en"):
        found = meaning.indicator_meaning(_indicator(colour_is_relative=False, colour="orange", rating=1.4,
                                                     distance_score=29.6))
        without_end_value = meaning.indicator_meaning(_indicator(colour_is_relative=False))
    assert found.comparison is Comparison.ABSOLUTE
    assert found.sentence == ABSOLUTE_CELL
    assert found.words.startswith("orange: significant challenges")
    assert without_end_value.sentence == "measured against the indicator's thresholds for 2030"


@pytest.mark.parametrize(("result", "flag", "reason"), [
    (None, "", "no data"),
    (_indicator(too_old=True, year=2012, colour="grey", rating=None), "", "latest figure from 2012 – too old"),
    (_indicator(colour="grey", rating=None, score=None), "", "no status: no score could be computed"),
    (_indicator(too_old=True, year=2012), "suppressed", "the latest figure is suppressed for privacy"),
])
def test_a_grey_indicator_says_why(result, flag, reason):
    with translation.override("en"):
        found = meaning.indicator_meaning(result, flag=flag)
    assert found.comparison is Comparison.NONE and found.colour == "" and found.symbol == ""
    assert reason in found.words


def test_a_publisher_s_flag_on_a_newer_figure_leaves_a_current_colour_alone():
    with translation.override("en"):
        found = meaning.indicator_meaning(_indicator(), flag="suppressed")
    assert found.comparison is Comparison.RELATIVE and found.colour == "yellow"


def test_a_goal_colour_says_what_its_indicators_compare():
    goal = GoalResult(place="4601", goal_id=3, score=60.0, colour="red", distance=70.0)
    with translation.override("en"):
        relative = meaning.goal_meaning(goal, Comparison.RELATIVE)
        absolute = meaning.goal_meaning(goal, Comparison.ABSOLUTE)
        mixed = meaning.goal_meaning(goal, Comparison.MIXED)
        grey = meaning.goal_meaning(GoalResult(place="4601", goal_id=3, score=None), Comparison.RELATIVE)
    assert relative.words == "red: its two weakest indicators are among the weakest 25 per cent of the kommuner"
    assert absolute.sentence == ABSOLUTE_CELL
    assert mixed.comparison is Comparison.MIXED and "some compared with the other kommuner" in mixed.words
    assert grey.comparison is Comparison.NONE and "none of its indicators has a current figure" in grey.words


def test_the_legend_names_the_comparison_and_never_mixes_without_words():
    with translation.override("en"):
        assert meaning.legend([Comparison.RELATIVE, Comparison.NONE]).startswith(RELATIVE_LEGEND)
        assert meaning.legend([Comparison.ABSOLUTE]).startswith(ABSOLUTE_LEGEND)
        assert meaning.legend([Comparison.RELATIVE, Comparison.ABSOLUTE]).startswith(MIXED_LEGEND)
        assert meaning.legend([Comparison.MIXED]).startswith(MIXED_LEGEND)
        assert meaning.legend([Comparison.NONE]) == ""


def test_the_goal_comparison_follows_its_rated_indicators(measured):
    assert set(meaning.goal_comparisons(measured.id, "4601").values()) == {Comparison.RELATIVE}
    first = IndicatorResult.objects.filter(run=measured, place="4601", rating__isnull=False).first()
    IndicatorResult.objects.filter(pk=first.pk).update(colour_is_relative=False)
    assert Comparison.MIXED in meaning.goal_comparisons(measured.id, "4601").values()
    IndicatorResult.objects.filter(run=measured).update(colour_is_relative=False)
    assert set(meaning.goal_comparisons(measured.id).values()) == {Comparison.ABSOLUTE}


# --- the pages --------------------------------------------------------------------------------------------------

@pytest.fixture
def measured(measured_module, db, client):
    client.cookies["lokalagenda_language"] = "en"
    return measured_module


PAGES = ["/kommune/4601/", "/kommune/4601/mal/3/", "/kommune/4601/indikator/VAX_MEASLES_AGE2/",
         "/sammenlign/?kommune=4601&kommune=0301", "/fylke/46/"]


@pytest.mark.parametrize("path", PAGES)
def test_a_relative_colour_says_it_is_a_position_among_the_kommuner(measured, client, path):
    html = client.get(path).content.decode()
    assert 'data-comparison="relative"' in html
    assert any(words in html for words in RELATIVE_WORDS)
    assert RELATIVE_LEGEND in html
    assert ABSOLUTE_CELL not in html


@pytest.mark.parametrize("path", PAGES)
def test_an_absolute_colour_says_how_far_it_is_to_the_2030_target(measured, client, path):
    make_all_absolute(measured)
    html = client.get(path).content.decode()
    assert 'data-comparison="absolute"' in html and ABSOLUTE_CELL in html
    assert ABSOLUTE_LEGEND in html and 'data-comparison="relative"' not in html


def test_a_page_with_both_kinds_says_each_cell_s_kind_and_the_legend_says_there_are_two(measured, client):
    result = IndicatorResult.objects.get(run=measured, place="4601", indicator="VAX_MEASLES_AGE2")
    IndicatorResult.objects.filter(pk=result.pk).update(colour_is_relative=False, distance_score=30.0)
    html = client.get("/kommune/4601/").content.decode()
    assert MIXED_LEGEND in html and ABSOLUTE_CELL in html
    assert 'data-comparison="relative"' in html and 'data-comparison="mixed"' in html
    assert "some compared with the other kommuner and some with the 2030 target" in html


def test_a_grey_cell_says_why(measured, client):
    dashboard = client.get("/kommune/4601/").content.decode()
    assert 'data-comparison="none">no data</span>' in dashboard  # goals no indicator measures
    IndicatorResult.objects.filter(run=measured, place="4601", indicator="VAX_MEASLES_AGE2").update(too_old=True)
    page = client.get("/kommune/4601/indikator/VAX_MEASLES_AGE2/").content.decode()
    assert "too old to give a status" in page


def test_the_national_overview_names_its_colours_by_what_they_compare(measured, client):
    relative = client.get("/nasjonalt/").content.decode()
    assert RELATIVE_LEGEND in relative and "best quarter of the kommuner" in relative
    assert "target reached" not in relative
    make_all_absolute(measured)
    absolute = client.get("/nasjonalt/").content.decode()
    assert ABSOLUTE_LEGEND in absolute and "green: target reached" in absolute
    assert "best quarter of the kommuner" not in absolute
