"""Organisation numbers: nine digits with a modulus-11 check digit (weights 3, 2, 7, 6, 5, 4, 3, 2)."""

import pytest
from django.core.exceptions import ValidationError

from lokalagenda.partnerships.orgnumber import check_digit, organisation_number_problem
from lokalagenda.partnerships.validators import validate_organisation_number

#: Real numbers from the Central Coordinating Register: Brønnøysundregistrene, NTNU, Equinor ASA, Oslo kommune.
REAL = ["974760673", "974767880", "923609016", "958935420"]


@pytest.mark.parametrize("number", REAL)
def test_real_organisation_numbers_are_valid(number):
    assert organisation_number_problem(number) is None
    validate_organisation_number(number)


def test_spaces_as_people_write_them_are_allowed():
    assert organisation_number_problem("974 760 673") is None


@pytest.mark.parametrize("number", REAL)
def test_every_other_check_digit_is_refused(number):
    for digit in "0123456789":
        if digit != number[-1]:
            assert "check digit" in organisation_number_problem(number[:8] + digit)


def test_remainder_one_has_no_valid_check_digit():
    """4 × 3 = 12 leaves remainder 1: the check digit would be 10, so no number starts with these digits."""
    assert check_digit("00000040") is None
    assert all(organisation_number_problem(f"00000040{digit}") for digit in "0123456789")


@pytest.mark.parametrize("number", ["97476067", "9747606730", "97476067A", ""])
def test_wrong_length_or_letters_are_refused(number):
    assert "9 digits" in organisation_number_problem(number)
    with pytest.raises(ValidationError):
        validate_organisation_number(number)


def test_validator_names_the_check_digit():
    with pytest.raises(ValidationError) as raised:
        validate_organisation_number("974760674")
    assert raised.value.code == "check_digit"
