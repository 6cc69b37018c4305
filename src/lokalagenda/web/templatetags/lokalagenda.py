"""Template helpers that format: texts in the active language, numbers the Norwegian way, JSON data blocks."""

from __future__ import annotations

import math
from typing import Any

from django import template
from django.utils.formats import number_format

from lokalagenda.indicators.units import unit_label
from lokalagenda.ui.language import active_language

register = template.Library()


@register.filter
def title(item: Any) -> str:
    """The item's title in the active language (nynorsk falls back to bokmål, bokmål to English)."""
    return str(item.title_in(active_language()))


@register.filter
def short(goal: Any) -> str:
    """A goal's short name in the active language."""
    return str(goal.short_in(active_language()))


@register.filter
def machine_translated(item: Any) -> bool:
    """True when the title shown is an uncorrected machine translation."""
    return bool(item.shows_machine_translation(active_language()))


@register.filter
def shown_language(item: Any) -> str | None:
    """The language code of the title actually shown (differs from the active language on fallback)."""
    return item.titles.language_of(active_language())


@register.filter(name="unit_label")
def unit_label_filter(unit: str | None) -> str:
    """A stored unit in the active language when it is a common one (``indicators.units``)."""
    return unit_label(unit or "")


@register.filter
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
