"""Formatting of stored measurement results: colour and trend as symbol plus words, progress status in words, and
what stands in for a status, an index or a value the data cannot give."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from lokalagenda.measurement import labels
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
def method_title(name: str) -> str:
    """A method id such as ``sdsn_index`` as its display name ("SDG index (SDSN method)", translated)."""
    return labels.method_title(name)


@register.filter
def progress_label(status: str) -> str:
    return str(PROGRESS.get(status, "–"))


@register.filter
def status_label(result: Any) -> SafeString | str:
    """An indicator result's status: its colour in words, or, when its latest value is too old, that it is."""
    if getattr(result, "too_old", False):
        return labels.too_old_note(result.year)
    return colour_label(getattr(result, "colour", ""))


@register.filter
def gaps_without_indicators(gaps: list[Any]) -> list[Any]:
    """The goals without data that nothing would measure yet, named together in one sentence."""
    return [gap for gap in gaps if gap.bare]


@register.filter
def too_old_note(year: int | None) -> str:
    """What stands in for a status when a kommune's latest value (of ``year``) is older than the run's window."""
    return labels.too_old_note(year)


@register.filter
def flag_label(flag: str) -> str:
    """A publisher's reason for a missing value (or a note on a value) in words; the flag itself when unknown."""
    return str(labels.FLAGS.get(flag, flag))


@register.filter
def no_index_note(goals_measured: int | None) -> str:
    """The sentence that stands in for an index built from too few goals (``goals_measured`` of 17)."""
    return labels.no_index_note(goals_measured)
