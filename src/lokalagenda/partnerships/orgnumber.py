"""The Norwegian organisation number (organisasjonsnummer) of the Central Coordinating Register (Brønnøysund).

Nine digits; the last is a modulus-11 check digit over the first eight with the weights 3, 2, 7, 6, 5, 4, 3, 2.
A remainder of 0 gives check digit 0; a remainder of 1 would need the check digit 10, so such numbers are never
issued. Pure Python, no Django, so forms, the API and the tests share one rule.
"""

from __future__ import annotations

WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def check_digit(first_eight: str) -> int | None:
    """The check digit for eight digits, or None when no valid number starts with them."""
    remainder = sum(int(digit) * weight for digit, weight in zip(first_eight, WEIGHTS, strict=True)) % 11
    if remainder == 0:
        return 0
    if remainder == 1:
        return None
    return 11 - remainder


def normalise(text: str) -> str:
    """The number without the spaces people write it with (``974 760 673``)."""
    return "".join(text.split())


def organisation_number_problem(text: str) -> str | None:
    """What is wrong with an organisation number, in words, or None when it is valid."""
    number = normalise(text)
    if not (number.isdigit() and len(number) == 9):
        return "An organisation number has exactly 9 digits."
    expected = check_digit(number[:8])
    if expected is None or expected != int(number[8]):
        return "The check digit (the last digit) does not match: the number has a typing error."
    return None
