"""Units as readers see them: the catalogue stores a unit as its source wrote it (mostly English words from the
publishers' metadata); the pages and reports show the common ones in the reader's language."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

#: Stored unit (lower case) → its words in the active language. Units not listed are shown as stored.
UNITS = {
    "percent": _("percent"),
    "per cent": _("percent"),
    "%": "%",
    "index": _("index"),
    "persons": _("persons"),
    "km": "km",
    "persons/km2": _("persons per km²"),
    "km per 1000 persons": _("km per 1,000 persons"),
    "nok": _("NOK"),
    "years": _("years"),
    "tonnes co2 equivalents": _("tonnes CO₂ equivalents"),
}


def unit_label(unit: str) -> str:
    """The unit in the active language when it is a known one, else as stored ("" stays "")."""
    return str(UNITS.get(unit.strip().lower(), unit)) if unit else ""
