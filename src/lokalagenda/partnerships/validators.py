"""Django validation of organisation numbers, with a message in the user's language."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lokalagenda.partnerships.orgnumber import normalise, organisation_number_problem


def validate_organisation_number(value: str) -> None:
    """Refuse a number that is not nine digits or whose mod-11 check digit does not match."""
    problem = organisation_number_problem(value)
    if problem is None:
        return
    if not (normalise(value).isdigit() and len(normalise(value)) == 9):
        raise ValidationError(_("An organisation number has exactly 9 digits."), code="length")
    raise ValidationError(_("The check digit (the last digit) does not match: the number has a typing error."),
                          code="check_digit")
