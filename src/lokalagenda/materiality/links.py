"""Where the assessment pages of an owner are: every page exists under ``kommune/<nr>/vesentlighet/…`` and under
``fylke/<nr>/vesentlighet/…``; the fylke's URL names carry ``fylke-`` in front, as the plan pages' do."""

from __future__ import annotations

from typing import Any

from lokalagenda.places.owner_pages import place_page_url
from lokalagenda.places.place import Place


def assessment_url(owner: Place, name: str = "assessment", *args: Any) -> str:
    """The URL of the assessment page ``name`` (a URL name of the kommune pages, e.g. ``matrix``) of ``owner``."""
    return place_page_url("materiality", owner, name, *args)
