"""Markdown of practice descriptions rendered to HTML that cannot run anything.

markdown-it-py renders (raw HTML in the source is left as text); nh3 then keeps only an allow-list of tags,
attributes and URL schemes, so script tags, ``javascript:`` links, ``data:`` images and ``on*`` handlers are
gone even if the renderer let them through.
"""

from __future__ import annotations

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = {"p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "code", "pre", "blockquote", "ul",
                "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td", "caption"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "th": {"scope"}, "ol": {"start"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}

_renderer = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def render(source: str) -> SafeString:
    """Safe HTML for Markdown ``source``. Headings start at level 2, under the page's own heading."""
    html = _renderer.render(source or "")
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=ALLOWED_SCHEMES,
                      link_rel="nofollow noopener noreferrer")
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 against the allow-list above
