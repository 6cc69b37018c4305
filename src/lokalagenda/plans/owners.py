"""Whose plans a page is about: the kommune or fylkeskommune at the URL, and what its plan register pages say.

Every plan page exists under ``kommune/<nr>/…`` and under ``fylke/<nr>/…``. Each URL pattern passes ``place_kind``
(a :class:`~lokalagenda.places.place.PlaceKind` value); views ask ``owner_for`` for the owner, a
:class:`~lokalagenda.places.place.Place` whose organisation keeps the register, and build every link through
``plan_url``, so a page under ``fylke/46/`` links to pages under ``fylke/46/``. A fylke without a fylkeskommune
(Oslo, 03: Oslo kommune has the county tasks) and unknown numbers are 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lokalagenda.places.owner_pages import place_page_url
from lokalagenda.places.place import Place, PlaceKind, place_or_404


@dataclass(frozen=True)
class RegisterPages:
    """What the plan register pages of one kind of place say."""

    draft_note: Promise
    national_column: Promise
    national_note: Promise


REGISTER_PAGES: dict[PlaceKind, RegisterPages] = {
    PlaceKind.KOMMUNE: RegisterPages(
        draft_note=_("Draft – only visible to the kommune"),
        national_column=_("Kommuner nationally"),
        national_note=_("The national column counts the kommuner whose published plans link to the target."),
    ),
    PlaceKind.FYLKE: RegisterPages(
        draft_note=_("Draft – only visible to the fylkeskommune"),
        national_column=_("Fylkeskommuner nationally"),
        national_note=_("The national column counts the fylkeskommuner whose published plans link to the target."),
    ),
}
"""The plan register pages of each kind of place."""


def owner_for(slug: str, number: str) -> Place:
    """The place at ``<slug>/<number>/`` whose organisation keeps the plan register; Http404 for an unknown place
    and for a place without such an organisation (fylke 03)."""
    place = place_or_404(number, PlaceKind(slug))
    if place.organisation is None or place.organisation.kind != place.kind.organisation_kind:
        raise Http404
    return place


def plan_url(owner: Place, name: str, *args: Any) -> str:
    """The URL of the plan page ``name`` (a URL name of the kommune pages, e.g. ``plan``) of this owner."""
    return place_page_url("plans", owner, name, *args)
