import pytest

from lokalagenda.core.errors import InvalidCode
from lokalagenda.core.geography import (
    FylkeNumber,
    KommuneNumber,
    NameLanguage,
    official_name_forms,
    place_number,
    rewind_for_spherical_rendering,
)


def test_kommunenummer_keeps_leading_zero_and_knows_its_fylke():
    number = KommuneNumber("0301")
    assert str(number) == "0301" and str(number.fylke) == "03"


@pytest.mark.parametrize("text", ["301", "03011", "03a1", ""])
def test_malformed_kommunenummer_is_rejected(text):
    with pytest.raises(InvalidCode):
        KommuneNumber(text)


def test_a_place_number_of_four_digits_is_a_kommune_and_of_two_a_fylke():
    assert place_number("4601") == KommuneNumber("4601")
    assert place_number("46") == FylkeNumber("46")


@pytest.mark.parametrize("text", ["123", "0", "46011", "4a", ""])
def test_a_place_number_of_neither_form_is_rejected_naming_both_forms(text):
    with pytest.raises(InvalidCode, match="four-digit kommunenummer or a two-digit fylkesnummer"):
        place_number(text)


def _names(forms):
    return {form.language: form.name for form in forms}


def test_sami_name_is_found_in_a_two_form_official_name():
    assert _names(official_name_forms("Oslo", ("Oslo", " - "), ("Oslo-Oslove", "-"))) == {
        NameLanguage.NORWEGIAN: "Oslo", NameLanguage.SAMI: "Oslove"}


def test_three_form_name_gives_sami_then_kven_whatever_the_position_of_the_norwegian_name():
    forms = _names(official_name_forms("Kåfjord", ("Gáivuotna - Kåfjord - Kaivuono", " - ")))
    assert forms[NameLanguage.SAMI] == "Gáivuotna" and forms[NameLanguage.KVEN] == "Kaivuono"


def test_first_source_with_several_forms_wins():
    forms = official_name_forms("Fauske", ("Fauske - Fuossko", " - "), ("Fauske-Fuosko", "-"))
    assert _names(forms)[NameLanguage.SAMI] == "Fuossko"


@pytest.mark.parametrize("name, official", [("Voss", "Voss herad"), ("Aurskog-Høland", "Aurskog-Høland")])
def test_names_without_other_language_forms_give_only_the_norwegian_name(name, official):
    assert official_name_forms(name, (official, "-")) == official_name_forms(name)
    assert len(official_name_forms(name, (official, "-"))) == 1


def test_exterior_rings_are_wound_clockwise_for_d3():
    counter_clockwise = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]
    hole_clockwise = [[0.2, 0.2], [0.2, 0.8], [0.8, 0.8], [0.8, 0.2], [0.2, 0.2]]
    geometry = {"type": "Polygon", "coordinates": [counter_clockwise, hole_clockwise]}
    rewound = rewind_for_spherical_rendering(geometry)["coordinates"]
    assert rewound[0] == counter_clockwise[::-1] and rewound[1] == hole_clockwise[::-1]
    multi = rewind_for_spherical_rendering({"type": "MultiPolygon", "coordinates": [[counter_clockwise]]})
    assert multi["coordinates"][0][0] == counter_clockwise[::-1]
