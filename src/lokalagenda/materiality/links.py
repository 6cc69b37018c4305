"""Where the assessment pages of an owner are: every page exists under ``kommune/<nr>/vesentlighet/…`` and under
``fylke/<nr>/vesentlighet/…``; the fylke's URL names carry ``fylke-`` in front, as the plan pages' do."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from lokalagenda.places.place import Place, PlaceKind

URL_PREFIXES: dict[PlaceKind, str] = {PlaceKind.KOMMUNE: "", PlaceKind.FYLKE: "fylke-"}


def assessment_url(owner: Place, name: str = "assessment", *args: Any) -> str:
    """The URL of the assessment page ``name`` (a URL name of the kommune pages, e.g. ``matrix``) of ``owner``."""
    return reverse(f"materiality:{URL_PREFIXES[owner.kind]}{name}", args=[owner.number, *args])
