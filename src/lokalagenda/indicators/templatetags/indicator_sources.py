"""An indicator's source and classification as pages show them: publisher, table and licence in plain words, and
the taxonomy's codes as labels."""

from __future__ import annotations

from typing import Any

from django import template

from lokalagenda.indicators import classification
from lokalagenda.indicators.attribution import Attribution, attribution_of

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
