"""An indicator's source, classification and unit as pages show them: publisher, table and licence in plain words,
the taxonomy's codes as labels, and a stored unit in the reader's language."""

from __future__ import annotations

from typing import Any

from django import template

from lokalagenda.indicators import classification
from lokalagenda.indicators.attribution import Attribution, attribution_of
from lokalagenda.indicators.units import unit_label

register = template.Library()


@register.filter
def attribution(indicator: Any) -> Attribution:
    """``{% with source=indicator|attribution %}``: publisher, table (with its address), licences, and the
    recorded provenance for the details disclosure."""
    return attribution_of(indicator)


@register.filter
def classified(value: str, field: str) -> str:
    """``{{ indicator.quality_class|classified:"quality_class" }}``: a taxonomy code as its label."""
    return classification.label(field, value) if value else ""


@register.filter(name="unit_label")
def unit_label_filter(unit: str | None) -> str:
    """A stored unit in the active language when it is a common one (``indicators.units``)."""
    return unit_label(unit or "")
