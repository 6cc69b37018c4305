"""``{% page_notes "plan" plan %}``: what apps above the page's own registered for this slot
(``lokalagenda.ui.page_notes``)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from lokalagenda.ui import page_notes as notes

register = template.Library()


@register.simple_tag(name="page_notes")
def page_notes(slot: str, subject: Any) -> SafeString:
    return notes.page_notes(slot, subject)
