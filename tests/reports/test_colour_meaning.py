"""Colours that say what they compare in the reports (issue 17, item 3): the VLR, the council brief, the
residents' page and the widget name, for a relative and an absolute colour, what it compares, and why a goal
without a colour has none."""

import pytest

from lokalagenda.measurement.models import IndicatorResult
from tests.colour_words import RELATIVE_WORDS, TARGET_WORDS, make_all_absolute

pytestmark = pytest.mark.django_db

ABSOLUTE_CELL = "30 per cent of the way to the 2030 target"
RELATIVE_LEGEND = "The colour shows the position among the kommuner"
ABSOLUTE_LEGEND = "The colour shows the distance to the 2030 target"
PAGES = ["/kommune/4601/rapport/vlr/?language=en", "/kommune/4601/rapport/brief/?language=en",
         "/kommune/4601/innbyggere/", "/innbygging/kommune/4601/", "/fylke/46/rapport/vlr/?language=en"]


@pytest.fixture
def english(measured, client):
    client.cookies["lokalagenda_language"] = "en"
    return measured


@pytest.mark.parametrize("path", PAGES)
def test_a_report_s_relative_colours_say_they_are_a_position_among_the_kommuner(english, client, path):
    html = client.get(path).content.decode()
    assert 'data-comparison="relative"' in html and any(words in html for words in RELATIVE_WORDS)
    assert RELATIVE_LEGEND in html
    assert not any(words in html for words in TARGET_WORDS)


@pytest.mark.parametrize("path", PAGES)
def test_a_report_s_absolute_colours_say_how_far_it_is_to_the_2030_target(english, client, path):
    make_all_absolute(english)
    html = client.get(path).content.decode()
    assert 'data-comparison="absolute"' in html and ABSOLUTE_CELL in html
    assert ABSOLUTE_LEGEND in html and 'data-comparison="relative"' not in html


def test_the_vlr_says_why_a_goal_has_no_colour(english, client):
    html = client.get("/kommune/4601/rapport/vlr/?language=en").content.decode()
    assert 'data-comparison="none">no data</span>' in html


def test_the_brief_s_red_areas_say_what_their_red_compares(english, client):
    result = IndicatorResult.objects.filter(run=english, place="4601", rating__isnull=False).first()
    IndicatorResult.objects.filter(pk=result.pk).update(colour="red", rating=0.5)
    html = client.get("/kommune/4601/rapport/brief/?language=en").content.decode()
    assert "among the weakest 25 per cent of the kommuner in the country" in html
