"""Template helpers for the state of SDG texts (machine, unofficial, corrected, checked)."""

from __future__ import annotations

from typing import Any

from django import template

from lokalagenda.framework.models import TextState
from lokalagenda.ui.language import active_language

register = template.Library()


@register.filter
def unofficial_translation(item: Any) -> bool:
    """True when the title shown in the active language is the project's unofficial translation."""
    language = active_language()
    if hasattr(item, "shows_unofficial_translation"):
        return bool(item.shows_unofficial_translation(language))
    return language in ("nb", "nn") and item.text_state(language) == TextState.UNOFFICIAL


@register.filter
def state_label(state: str) -> str:
    """The readable name of a text state."""
    return str(TextState(state).label)
