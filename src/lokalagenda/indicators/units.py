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
    "tonnes co2e": _("tonnes CO₂ equivalents"),
}


#: Stored units (lower case) of a share of a whole: charts draw them on an axis from 0.
SHARE_UNITS = frozenset({"percent", "per cent", "%"})


def is_share(unit: str) -> bool:
    """Whether the stored unit is a share of a whole (percent), whose charts start at 0."""
    return unit.strip().lower() in SHARE_UNITS


def unit_label(unit: str) -> str:
    """The unit in the active language when it is a known one, else as stored ("" stays "")."""
    return str(UNITS.get(unit.strip().lower(), unit)) if unit else ""


class UnitKind:
    """How two values of a unit compare: a *share* (per cent of a whole) changes in percentage points; any
    other unit (a count, an amount, a rate per inhabitant, an index) changes by a relative amount, in per cent."""

    SHARE = "share"
    LEVEL = "level"


def unit_kind(unit: str) -> str:
    """:attr:`UnitKind.SHARE` for a stored unit in per cent ("percent", "per cent", "%", "percent per year",
    "percentage points"), else :attr:`UnitKind.LEVEL`. Wider than :func:`is_share` on purpose: a change in
    percentage points is compared in points, but its chart axis may go below 0."""
    text = (unit or "").strip().lower()
    return UnitKind.SHARE if text.startswith(("percent", "per cent", "%")) else UnitKind.LEVEL
