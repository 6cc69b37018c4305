"""``{% picker_texts %}``: the texts picker.js shows, in the active language, as the JSON block ``#picker-texts``."""

from __future__ import annotations

from django import template
from django.utils.html import json_script
from django.utils.safestring import SafeString

from lokalagenda.ui.widgets import picker_texts as texts

register = template.Library()


@register.simple_tag
def picker_texts() -> SafeString:
    return json_script(texts(), "picker-texts")
