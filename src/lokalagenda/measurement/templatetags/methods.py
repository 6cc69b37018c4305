"""Small "how we calculate" links from a score, colour, trend or percentile to its section of the methods page."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from lokalagenda.measurement.method_sections import SECTION_BY_ANCHOR, section_url

register = template.Library()


@register.simple_tag
def method_links(*anchors: str) -> SafeString:
    """"How we calculate: the score, the status colour, …", each linked to its section of the methods page."""
    links = format_html_join(", ", '<a class="ds-link" href="{}">{}</a>',
                             ((section_url(anchor), SECTION_BY_ANCHOR[anchor].link) for anchor in anchors))
    return format_html('<span class="method-links">{} {}</span>', gettext("How we calculate:"), links)


@register.simple_tag
def method_url(anchor: str) -> str:
    """The address of one section of the methods page, for a link a template words itself."""
    return section_url(anchor)
