"""Markdown in a practice's description renders harmless: no scripts, javascript: links, handlers or data: URLs."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from lokalagenda.practices.markdown import render


class Elements(HTMLParser):
    """The elements and attributes a browser would build from the HTML (text stays text)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, {name: value or "" for name, value in attrs}))


def _elements(html: str) -> list[tuple[str, dict[str, str]]]:
    parser = Elements()
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize("source", [
    "Hei <script>alert('x')</script> der",
    "[klikk](javascript:alert(1))",
    "[klikk](JaVaScRiPt:alert(1))",
    '<a href="#" onclick="alert(1)">lenke</a>',
    '<img src="x.png" onerror="alert(1)">',
    "![bilde](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '<iframe src="https://example.org"></iframe>',
])
def test_dangerous_markup_is_removed_or_inert(source: str) -> None:
    for tag, attrs in _elements(str(render(source))):
        assert tag not in {"script", "iframe", "object", "embed", "style"}
        assert not [name for name in attrs if name.startswith("on")]
        for name in ("href", "src"):
            assert not attrs.get(name, "").strip().lower().startswith(("javascript:", "data:", "vbscript:"))


def test_ordinary_markdown_keeps_its_structure() -> None:
    html = str(render("# Mål\n\n**Viktig**: se [rapporten](https://example.org/r.pdf).\n\n- en\n- to"))
    assert "<h2>Mål</h2>" in html
    assert "<strong>Viktig</strong>" in html
    assert 'href="https://example.org/r.pdf"' in html and 'rel="nofollow noopener noreferrer"' in html
    assert html.count("<li>") == 2


def test_the_sanitiser_catches_what_the_renderer_might_let_through() -> None:
    """nh3 alone (as if the renderer passed raw HTML) strips scripts, handlers and bad URL schemes."""
    import nh3

    from lokalagenda.practices.markdown import ALLOWED_ATTRIBUTES, ALLOWED_SCHEMES, ALLOWED_TAGS

    raw = ('<p onclick="x()">a<script>alert(1)</script><a href="javascript:alert(1)">b</a>'
           '<img src="data:image/png;base64,AAAA" onerror="x()"></p>')
    clean = nh3.clean(raw, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=ALLOWED_SCHEMES)
    elements = _elements(clean)
    assert [tag for tag, _ in elements] == ["p", "a", "img"]
    assert [set(attrs) - {"rel"} for _, attrs in elements] == [set(), set(), set()]
