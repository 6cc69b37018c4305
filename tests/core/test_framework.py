import pytest

from lokalagenda.core.errors import InvalidCode
from lokalagenda.core.framework import GOAL_COLOURS, GoalCode, IndicatorCode, MultilingualText, TargetCode


def test_target_code_knows_its_goal_and_kind():
    outcome, means = TargetCode.parse("11.6"), TargetCode.parse("11.a")
    assert outcome.goal == GoalCode(11) and str(outcome) == "11.6"
    assert not outcome.is_means_of_implementation and means.is_means_of_implementation


def test_indicator_code_knows_its_target_and_goal():
    code = IndicatorCode.parse("11.6.1")
    assert code.target == TargetCode.parse("11.6") and code.goal == GoalCode(11) and str(code) == "11.6.1"


def test_codes_sort_in_the_un_order():
    codes = ["1.b", "10.1", "1.10", "1.a", "2.1", "1.2"]
    assert [str(c) for c in sorted(map(TargetCode.parse, codes))] == ["1.2", "1.10", "1.a", "1.b", "2.1", "10.1"]
    indicators = sorted(map(IndicatorCode.parse, ["1.a.2", "1.10.1", "1.a.1", "1.1.1"]))
    assert [str(c) for c in indicators] == ["1.1.1", "1.10.1", "1.a.1", "1.a.2"]


@pytest.mark.parametrize("text", ["18", "0", "x"])
def test_goal_outside_one_to_seventeen_is_rejected(text):
    with pytest.raises(InvalidCode):
        GoalCode.parse(text)


@pytest.mark.parametrize("text", ["11", "11.", "11.6.1", "18.1", "1.A", " "])
def test_malformed_target_code_is_rejected(text):
    with pytest.raises(InvalidCode):
        TargetCode.parse(text)


def test_nynorsk_falls_back_to_bokmal_then_english():
    text = MultilingualText({"en": "Clean water", "nb": "Rent vann", "nn": ""})
    assert text.get("nn") == "Rent vann" and text.language_of("nn") == "nb"
    assert MultilingualText({"en": "Clean water"}).get("nn") == "Clean water"
    assert MultilingualText({"nn": "Reint vatn", "nb": "Rent vann"}).get("nn") == "Reint vatn"
    assert MultilingualText({}).get("nb") == "" and MultilingualText({}).language_of("nb") is None


def test_every_goal_has_an_official_colour():
    assert sorted(GOAL_COLOURS) == list(range(1, 18))
    assert all(len(colour) == 7 and colour.startswith("#") for colour in GOAL_COLOURS.values())
