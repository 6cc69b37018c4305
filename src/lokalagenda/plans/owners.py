"""Whose plans a page is about: a kommune or a fylkeskommune, resolved from the URL in one place.

Every plan page exists under ``kommune/<nr>/…`` and under ``fylke/<nr>/…``. Each URL pattern passes ``place_kind``
(a key of ``PLACE_KINDS``); views ask ``owner_for`` for the owner, and build every link through it, so a page under
``fylke/46/`` links to pages under ``fylke/46/``. A fylke without a fylkeskommune (Oslo, 03: Oslo kommune has the
county tasks) and unknown numbers are 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import Http404
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lokalagenda.accounts.models import Organisation
from lokalagenda.places.models import Fylke, Kommune


@dataclass(frozen=True)
class PlaceKind:
    """A kind of place whose organisation keeps a plan register, with the words its pages use."""

    slug: str
    """The first URL segment (``kommune``, ``fylke``) and the ``place_kind`` URL kwarg."""
    url_prefix: str
    """What the URL names of its plan pages start with (``plans:{prefix}plan``)."""
    organisation_kind: str
    place_field: str
    """The field of ``Organisation`` that points to the place."""
    place_page: str
    """The URL name of the place's own page."""
    relevance_level: str
    """The level of government whose local relevance of targets applies (``framework.relevance``)."""
    draft_note: Promise
    national_column: Promise
    national_note: Promise


PLACE_KINDS: dict[str, PlaceKind] = {
    "kommune": PlaceKind(
        slug="kommune", url_prefix="", organisation_kind=Organisation.Kind.KOMMUNE, place_field="kommune",
        place_page="web:kommune", relevance_level="kommune",
        draft_note=_("Draft – only visible to the kommune"),
        national_column=_("Kommuner nationally"),
        national_note=_("The national column counts the kommuner whose published plans link to the target."),
    ),
    "fylke": PlaceKind(
        slug="fylke", url_prefix="fylke-", organisation_kind=Organisation.Kind.FYLKESKOMMUNE, place_field="fylke",
        place_page="places:fylke", relevance_level="fylkeskommune",
        draft_note=_("Draft – only visible to the fylkeskommune"),
        national_column=_("Fylkeskommuner nationally"),
        national_note=_("The national column counts the fylkeskommuner whose published plans link to the target."),
    ),
}
"""Place kinds by URL segment."""

BY_ORGANISATION_KIND: dict[str, PlaceKind] = {kind.organisation_kind: kind for kind in PLACE_KINDS.values()}


@dataclass(frozen=True)
class PlanOwner:
    """The organisation whose plan register a page shows, with the place it is the organisation of."""

    kind: PlaceKind
    organisation: Organisation

    @property
    def place(self) -> Kommune | Fylke:
        return getattr(self.organisation, self.kind.place_field)  # type: ignore[no-any-return]

    @property
    def number(self) -> str:
        return self.place.number

    @property
    def name(self) -> str:
        """"Oslo" for a kommune, "Vestland fylkeskommune" for a fylkeskommune."""
        return self.place.name if self.kind.slug == "kommune" else self.organisation.name

    @property
    def place_url(self) -> str:
        return reverse(self.kind.place_page, args=[self.number])

    def url(self, name: str, *args: Any) -> str:
        """The URL of the plan page ``name`` (a URL name of the kommune pages, e.g. ``plan``) of this owner."""
        return reverse(f"plans:{self.kind.url_prefix}{name}", args=[self.number, *args])


def place_kind(slug: str) -> PlaceKind:
    kind = PLACE_KINDS.get(slug)
    if kind is None:
        raise Http404
    return kind


def owner_for(slug: str, number: str) -> PlanOwner:
    """The owner of the plan register at ``<slug>/<number>/``; Http404 when the place has no such organisation."""
    kind = place_kind(slug)
    organisation = (Organisation.objects.select_related(kind.place_field)
                    .filter(kind=kind.organisation_kind, **{f"{kind.place_field}__number": number}).first())
    if organisation is None:
        raise Http404
    return PlanOwner(kind, organisation)


def owner_of(organisation: Organisation) -> PlanOwner:
    """The owner whose pages show the organisation's plans; LookupError for organisations without a register."""
    kind = BY_ORGANISATION_KIND.get(organisation.kind)
    if kind is None:
        raise LookupError(f"{organisation.slug} has no plan register pages")
    return PlanOwner(kind, organisation)
