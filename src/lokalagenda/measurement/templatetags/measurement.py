"""Formatting of stored measurement results: colour and trend as symbol plus words, progress status in words."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from lokalagenda.measurement.labels import COLOURS, PROGRESS, TRENDS

register = template.Library()


@register.filter
def colour_label(colour: str) -> SafeString | str:
    if colour not in COLOURS:
        return "–"
    symbol, words = COLOURS[colour]
    return format_html('<span class="rating rating--{}" aria-hidden="true">{}</span> {}', colour, symbol, words)


@register.filter
def trend_label(trend: str) -> SafeString | str:
    if trend not in TRENDS:
        return "–"
    symbol, words = TRENDS[trend]
    return format_html('<span class="trend" aria-hidden="true">{}</span> {}', symbol, words)


@register.filter
def progress_label(status: str) -> str:
    return str(PROGRESS.get(status, "–"))
