"""Formatting of stored measurement results: colour and trend as symbol plus words, progress status in words, and
what stands in for a status, an index or a value the data cannot give."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from lokalagenda.measurement import colour_meaning as meaning
from lokalagenda.measurement import labels
from lokalagenda.measurement.labels import COLOURS, PROGRESS, TRENDS

register = template.Library()


@register.filter
def colour_meaning(result: Any, flag: str = "") -> SafeString:
    """A stored indicator or goal result's colour as symbol and words that say what it compares (its position
    among the kommuner, or the way to the 2030 target), or, grey, why it has none (``flag``: the publisher's flag
    of a newer, missing figure); visible, so hover, focus and the table view all carry it."""
    found = meaning.meaning_of(result, flag=flag or "")
    symbol = format_html('<span class="rating rating--{}" aria-hidden="true">{}</span> ', found.colour,
                         found.symbol) if found.symbol else ""
    return format_html('<span class="colour-meaning" data-comparison="{}">{}{}</span>', found.comparison, symbol,
                       found.words)


@register.filter
def colour_in(colour: str, words: dict[str, str]) -> SafeString | str:
    """A colour as symbol and the words a page chose for it (``words``: colour → words, "" for none), so a table
    says the same as the legend above it."""
    if colour not in COLOURS:
        return str(words.get("", "–"))
    return format_html('<span class="rating rating--{}" aria-hidden="true">{}</span> {}', colour,
                       COLOURS[colour][0], words.get(colour, ""))


@register.simple_tag
def colour_kind(*groups: Any) -> str:
    """What all the colours of the results in ``groups`` compare ("relative", "absolute", "mixed" or "none"), for
    :func:`colour_as`."""
    return meaning.one_kind(meaning.comparisons_in(groups)).value


@register.filter
def colour_as(colour: str, kind: str) -> SafeString | str:
    """A colour as symbol and short words fit for what the colours around it compare (``kind`` from
    :func:`colour_kind`): "green: best quarter of the kommuner" or "green: target reached"."""
    if colour not in COLOURS:
        return "–"
    return format_html('<span class="rating rating--{}" aria-hidden="true">{}</span> {}', colour,
                       COLOURS[colour][0], meaning.colour_words(colour, meaning.Comparison(kind)))


@register.simple_tag
def colour_legend(*groups: Any) -> SafeString | str:
    """The sentence that names what the colours of the results in ``groups`` (each a result or a list of them)
    compare ("" without colours)."""
    sentence = meaning.legend(meaning.comparisons_in(groups))
    return format_html('<p class="ds-paragraph colour-legend" data-size="sm">{}</p>', sentence) if sentence else ""


@register.filter
def trend_label(trend: str) -> SafeString | str:
    if trend not in TRENDS:
        return "–"
    symbol, words = TRENDS[trend]
    if trend in labels.NOISE_TRENDS:
        return format_html('<span class="trend-word trend--noise" data-trend="{}"><span class="trend" '
                           'aria-hidden="true">{}</span> {}</span>', trend, symbol, words)
    return format_html('<span class="trend" aria-hidden="true">{}</span> {}', symbol, words)


@register.filter
def noise_note(result: Any) -> str:
    """Why an indicator result's trend is or is not larger than its noise, in a sentence ("" without one)."""
    return labels.noise_note(getattr(result, "uncertainty", None) or {})


@register.filter
def method_title(name: str) -> str:
    """A method id such as ``sdsn_index`` as its display name ("SDG index (SDSN method)", translated)."""
    return labels.method_title(name)


@register.filter
def progress_label(status: str) -> str:
    return str(PROGRESS.get(status, "–"))


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
