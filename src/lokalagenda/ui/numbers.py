"""Numbers the reader's way: one home for how a measured value is written, used by the ``number`` template filter
(``ui/templatetags/lokalagenda.py``) and by code that writes sentences with numbers in them (``plans.keyresults``)."""

from __future__ import annotations

import math
from typing import Any

from django.utils.formats import number_format


def number(value: Any, digits: int = 2) -> str:
    """A measured value with at most ``digits`` decimals and no trailing zeros, in the reader's number format:
    "88,3", "96" and "1 234,56" in bokmål, so a column never mixes "88,30" with "96". "" for no value."""
    if value is None or value == "":
        return ""
    try:
        rounded = round(float(value), int(digits))
    except (TypeError, ValueError):
        return str(value)
    if math.isnan(rounded):
        return ""
    rounded = rounded or 0.0  # no "-0"
    text = f"{rounded:.{int(digits)}f}".rstrip("0").rstrip(".")
    decimals = len(text.partition(".")[2])
    return number_format(rounded, decimal_pos=decimals, use_l10n=True, force_grouping=True)
