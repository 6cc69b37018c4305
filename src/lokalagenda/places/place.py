"""One kommune or fylke and the organisation that works for it, as pages, reports and loaders name it.

``place_for("4601")`` is Bergen kommune and ``place_for("46")`` Vestland fylke: the form of the number decides the
kind, read by :func:`lokalagenda.core.geography.place_number`, so nothing outside the core tells kommuner from
fylker by a string's length. A :class:`Place` carries its names, its fylke, its organisation (None for fylke 03
Oslo: Oslo kommune has the county tasks, so there is no fylkeskommune) and the addresses of its pages. Those are
reversed by URL name, so ``places`` imports no app above it. What one app alone says about a kind of place stays
in that app: the plan register's wording and URL names live in ``plans.owners``.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from lokalagenda.accounts.models import Organisation
from lokalagenda.core.errors import InvalidCode, LokalagendaError
from lokalagenda.core.geography import FylkeNumber, KommuneNumber, place_number
from lokalagenda.places.models import Fylke, Kommune


class PlaceKind(enum.StrEnum):
    """A kind of place. The value is the first URL segment of its pages (``kommune/4601/``, ``fylke/46/``) and the
    name of the foreign key to such a place on ``Organisation`` and ``NetworkMembership``."""

    KOMMUNE = "kommune"
    FYLKE = "fylke"

    @property
    def organisation_kind(self) -> str:
        """The kind of organisation that works for a place of this kind (``Organisation.Kind``)."""
        return ORGANISATION_KINDS[self]

    @property
    def model(self) -> type[Kommune] | type[Fylke]:
        return Kommune if self is PlaceKind.KOMMUNE else Fylke


ORGANISATION_KINDS: dict[PlaceKind, str] = {
    PlaceKind.KOMMUNE: Organisation.Kind.KOMMUNE,
    PlaceKind.FYLKE: Organisation.Kind.FYLKESKOMMUNE,
}

PAGE_NAMES: dict[PlaceKind, str] = {PlaceKind.KOMMUNE: "web:kommune", PlaceKind.FYLKE: "places:fylke"}
"""The URL name of each kind of place's own page (the kommune page gathers several apps, so it lives in ``web``)."""


class UnknownPlace(LokalagendaError, LookupError):
    """No kommune or fylke has the number, or the number is neither a kommunenummer nor a fylkesnummer.

    The message is a translated sentence that a page, a report or a command can show as it is; ``kind`` is the
    kind looked for (None when the number has neither form and no kind was asked for).
    """

    def __init__(self, code: str, kind: PlaceKind | None) -> None:
        self.code = code
        self.kind = kind
        super().__init__(_unknown_message(code, kind))


def _unknown_message(code: str, kind: PlaceKind | None) -> str:
    if kind is PlaceKind.KOMMUNE:
        return _("There is no kommune with the number %(number)s.") % {"number": code}
    if kind is PlaceKind.FYLKE:
        return _("There is no fylke with the number %(number)s.") % {"number": code}
    return _("“%(number)s” is neither a kommunenummer (four digits) nor a fylkesnummer (two digits).") % {
        "number": code}


@dataclass(frozen=True)
class Place:
    """A kommune or a fylke with its names and organisation, and the addresses of its pages."""

    code: KommuneNumber | FylkeNumber
    """The parsed number: its type is the kind of place."""
    name: str
    fylke_name: str
    """The name of the fylke the place is in (its own name for a fylke)."""
    organisation: Organisation | None
    """The organisation whose kommune or fylke this is; None for fylke 03 Oslo."""

    @property
    def kind(self) -> PlaceKind:
        return _kind_of(self.code)

    @property
    def number(self) -> str:
        """The kommunenummer or fylkesnummer as text, e.g. ``"4601"`` or ``"46"``."""
        return str(self.code)

    @property
    def is_kommune(self) -> bool:
        return isinstance(self.code, KommuneNumber)

    @property
    def fylke_number(self) -> str:
        """The number of the fylke the place is in (its own number for a fylke)."""
        return _fylke_of(self.code)

    @property
    def organisation_name(self) -> str:
        """How pages name the organisation: "Bergen" for a kommune (pages do not say "Bergen kommune"), "Vestland
        fylkeskommune" for a fylke, so a fylke's plans are not mistaken for its kommuner's."""
        if self.is_kommune or self.organisation is None:
            return self.name
        return self.organisation.name

    @property
    def page_url(self) -> str:
        """The place's own page: the kommune page or the fylke page."""
        return reverse(PAGE_NAMES[self.kind], args=[self.number])

    @property
    def residents_url(self) -> str:
        """The residents' summary of the place."""
        return reverse(f"public:{self.kind}", args=[self.number])

    @property
    def widget_url(self) -> str:
        """The embeddable widget with the residents' summary."""
        return reverse(f"public:{self.kind}-widget", args=[self.number])


def _kind_of(number: KommuneNumber | FylkeNumber) -> PlaceKind:
    return PlaceKind.KOMMUNE if isinstance(number, KommuneNumber) else PlaceKind.FYLKE


def _fylke_of(number: KommuneNumber | FylkeNumber) -> str:
    return str(number.fylke if isinstance(number, KommuneNumber) else number)


def kind_of(code: str) -> PlaceKind | None:
    """The kind of place ``code`` numbers; None when it is neither form (the country's ``"0"``, a typo)."""
    try:
        return _kind_of(place_number(code))
    except InvalidCode:
        return None


def fylke_of(code: str) -> str | None:
    """The fylkesnummer of the kommune or fylke ``code`` (a fylke is its own); None for any other code."""
    try:
        return _fylke_of(place_number(code))
    except InvalidCode:
        return None


def place_for(code: str, kind: PlaceKind | None = None) -> Place:
    """The kommune (four digits) or fylke (two digits) ``code``, with its organisation.

    With ``kind``, the number must name a place of that kind: a page under ``kommune/46/`` finds no kommune.

    Raises
    ------
    UnknownPlace
        When no such place exists, or ``code`` is neither a kommunenummer nor a fylkesnummer.
    """
    try:
        number = place_number(code)
    except InvalidCode:
        raise UnknownPlace(code, kind) from None
    if kind is not None and _kind_of(number) is not kind:
        raise UnknownPlace(code, kind)
    place = _kommune(number) if isinstance(number, KommuneNumber) else _fylke(number)
    if place is None:
        raise UnknownPlace(code, _kind_of(number))
    return place


def place_or_404(code: str, kind: PlaceKind) -> Place:
    """The place of a page under ``<kind>/<code>/``; Http404 (with the sentence saying why) when there is none."""
    try:
        return place_for(code, kind)
    except UnknownPlace as error:
        raise Http404(str(error)) from error


def _kommune(number: KommuneNumber) -> Place | None:
    kommune = (Kommune.objects.select_related("fylke", "organisation")
               .defer("boundary", "search_text", "fylke__boundary").filter(number=str(number)).first())
    if kommune is None:
        return None
    # A missing reverse one-to-one raises an AttributeError subclass, so getattr gives None for it.
    return Place(number, kommune.name, kommune.fylke.name, getattr(kommune, "organisation", None))


def _fylke(number: FylkeNumber) -> Place | None:
    fylke = Fylke.objects.select_related("organisation").defer("boundary").filter(number=str(number)).first()
    if fylke is None:
        return None
    return Place(number, fylke.name, fylke.name, getattr(fylke, "organisation", None))


def member_lookup(code: str, via: str = "") -> dict[str, str]:
    """The filter that finds rows whose ``kommune`` or ``fylke`` foreign key points to the place ``code``:
    ``{"kommune_id": "4601"}``, or ``{"organisation__fylke_id": "46"}`` with ``via="organisation__"``.

    Raises ``InvalidCode`` when ``code`` is neither a kommunenummer nor a fylkesnummer.
    """
    return {f"{via}{_kind_of(place_number(code))}_id": code}


def split_by_kind(codes: Iterable[str]) -> dict[PlaceKind, list[str]]:
    """The kommunenummer and the fylkesnummer among ``codes``, each in the order given; other codes are left
    out."""
    split: dict[PlaceKind, list[str]] = {kind: [] for kind in PlaceKind}
    for code in codes:
        kind = kind_of(code)
        if kind is not None:
            split[kind].append(code)
    return split
