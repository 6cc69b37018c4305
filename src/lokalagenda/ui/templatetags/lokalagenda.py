"""Template helpers that format: texts in the active language, numbers the Norwegian way, JSON data blocks. A
stored unit in words is ``indicators``' (``unit_label`` in the ``indicator_sources`` tags)."""

from __future__ import annotations

from typing import Any

from django import template

from lokalagenda.ui.language import active_language
from lokalagenda.ui.numbers import number

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


register.filter("number", number)
