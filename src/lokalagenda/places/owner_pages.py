"""Pages that exist once per kind of place: under ``kommune/<nr>/…`` with their URL names as they are, and under
``fylke/<nr>/…`` with the same names with ``fylke-`` in front. The plan pages, the assessment pages and the
decision pages are laid out this way; each URL pattern passes ``place_kind`` so the view can find the owner."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.urls import URLPattern, path, reverse

from lokalagenda.places.place import Place, PlaceKind

#: What the URL names of each kind of place's pages start with (``plans:fylke-plan``).
URL_PREFIXES: dict[PlaceKind, str] = {PlaceKind.KOMMUNE: "", PlaceKind.FYLKE: "fylke-"}

Page = tuple[str, Callable[..., Any], str]
"""One page: its path below ``<place kind>/<nr>/``, its view and its URL name."""


def place_patterns(pages: Iterable[Page]) -> list[URLPattern]:
    """The URL patterns of ``pages``, once for each kind of place."""
    pages = list(pages)
    return [path(f"{kind}/<str:number>/{route}", view, {"place_kind": kind.value}, name=URL_PREFIXES[kind] + name)
            for kind in URL_PREFIXES for route, view, name in pages]


def place_page_url(namespace: str, place: Place, name: str, *args: Any) -> str:
    """The address of page ``name`` of the app ``namespace`` (URL namespace) for ``place``."""
    return reverse(f"{namespace}:{URL_PREFIXES[place.kind]}{name}", args=[place.number, *args])
