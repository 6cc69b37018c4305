"""``places.place``: one kommune or fylke with its organisation, found by its number (real 2024 structure)."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.utils import translation

from lokalagenda.core.errors import InvalidCode
from lokalagenda.core.geography import FylkeNumber, KommuneNumber
from lokalagenda.places.models import Network, NetworkMembership
from lokalagenda.places.place import (
    PlaceKind,
    UnknownPlace,
    fylke_of,
    kind_of,
    member_lookup,
    place_for,
    place_or_404,
    split_by_kind,
)


@pytest.mark.django_db
def test_parses_a_four_digit_number_as_a_kommune_with_its_fylke_and_organisation():
    bergen = place_for("4601")
    assert bergen.code == KommuneNumber("4601") and bergen.kind is PlaceKind.KOMMUNE and bergen.is_kommune
    assert (bergen.number, bergen.name, bergen.fylke_number, bergen.fylke_name) == ("4601", "Bergen", "46", "Vestland")
    assert bergen.organisation is not None and bergen.organisation.slug == "kommune-4601"
    assert bergen.organisation_name == "Bergen"


@pytest.mark.django_db
def test_parses_a_two_digit_number_as_a_fylke_named_by_its_fylkeskommune():
    vestland = place_for("46")
    assert vestland.code == FylkeNumber("46") and vestland.kind is PlaceKind.FYLKE and not vestland.is_kommune
    assert (vestland.name, vestland.fylke_number, vestland.fylke_name) == ("Vestland", "46", "Vestland")
    assert vestland.organisation_name == "Vestland fylkeskommune"


@pytest.mark.django_db
def test_oslo_fylke_has_no_organisation_because_oslo_kommune_has_the_county_tasks():
    oslo = place_for("03")
    assert oslo.organisation is None and oslo.organisation_name == "Oslo"


@pytest.mark.django_db
def test_finds_the_place_and_its_organisation_in_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        place = place_for("0301")
        assert place.organisation is not None and place.fylke_name == "Oslo"


@pytest.mark.django_db
def test_links_to_the_place_page_the_residents_page_and_the_widget():
    bergen, vestland = place_for("4601"), place_for("46")
    assert (bergen.page_url, bergen.residents_url, bergen.widget_url) == (
        "/kommune/4601/", "/kommune/4601/innbyggere/", "/innbygging/kommune/4601/")
    assert (vestland.page_url, vestland.residents_url, vestland.widget_url) == (
        "/fylke/46/", "/fylke/46/innbyggere/", "/innbygging/fylke/46/")


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["123", "0", "abcd", ""])
def test_rejects_a_number_of_neither_form_with_a_clear_message(code):
    with translation.override("en"), pytest.raises(UnknownPlace) as raised:
        place_for(code)
    assert str(raised.value) == (f"“{code}” is neither a kommunenummer (four digits) nor a fylkesnummer "
                                 "(two digits).")
    assert raised.value.kind is None


@pytest.mark.django_db
def test_an_unknown_number_says_which_kind_of_place_is_missing():
    with translation.override("en"):
        with pytest.raises(UnknownPlace, match="^There is no kommune with the number 9999.$"):
            place_for("9999")
        with pytest.raises(UnknownPlace, match="^There is no fylke with the number 99.$"):
            place_for("99")


@pytest.mark.django_db
def test_asked_for_a_kind_a_number_of_the_other_kind_is_unknown():
    with translation.override("en"):
        with pytest.raises(UnknownPlace, match="no kommune with the number 46"):
            place_for("46", PlaceKind.KOMMUNE)
        with pytest.raises(UnknownPlace, match="no fylke with the number 4601"):
            place_for("4601", PlaceKind.FYLKE)
        with pytest.raises(UnknownPlace, match="no fylke with the number 123"):
            place_for("123", PlaceKind.FYLKE)


@pytest.mark.django_db
def test_a_page_of_an_unknown_place_is_404():
    assert place_or_404("4601", PlaceKind.KOMMUNE).name == "Bergen"
    with pytest.raises(Http404):
        place_or_404("46", PlaceKind.KOMMUNE)


def test_tells_kommuner_from_fylker_and_from_other_codes_by_the_number_form():
    assert (kind_of("4601"), kind_of("46"), kind_of("0"), kind_of("123")) == (
        PlaceKind.KOMMUNE, PlaceKind.FYLKE, None, None)
    assert (fylke_of("4601"), fylke_of("46"), fylke_of("0")) == ("46", "46", None)


def test_splits_numbers_by_kind_in_their_order_leaving_out_other_codes():
    assert split_by_kind(["46", "4601", "0", "0301", "03"]) == {
        PlaceKind.KOMMUNE: ["4601", "0301"], PlaceKind.FYLKE: ["46", "03"]}


def test_finds_rows_pointing_to_a_place_through_its_kind_of_foreign_key():
    assert member_lookup("4601") == {"kommune_id": "4601"}
    assert member_lookup("46", via="organisation__") == {"organisation__fylke_id": "46"}
    with pytest.raises(InvalidCode):
        member_lookup("123")


@pytest.mark.django_db
def test_the_lookup_finds_network_members_of_either_kind():
    network = Network.objects.create(name="Testnettverket", slug="test")
    NetworkMembership.objects.create(network=network, kommune_id="4601")
    NetworkMembership.objects.create(network=network, fylke_id="46")
    assert network.memberships.filter(**member_lookup("4601")).get().kommune_id == "4601"
    assert network.memberships.filter(**member_lookup("46")).get().fylke_id == "46"
