"""Practices shown on other apps' pages: suggestions from peers on the kommune dashboard."""

from __future__ import annotations

from typing import Any, Protocol

from django import template

from lokalagenda.measurement.querysets import StoredIndicator
from lokalagenda.practices.peers import NEEDS_HELP, suggested_practices

register = template.Library()


class _WithIndicators(Protocol):
    """What the tag reads of a dashboard (the kommune page's ``measurement.dashboards.PlaceDashboard``), named here
    so that ``practices`` does not import the pages above it."""

    @property
    def indicators(self) -> list[StoredIndicator]: ...


@register.simple_tag
def peer_suggestions(place: str, dashboard: _WithIndicators | None) -> list[tuple[Any, list[Any]]]:
    """(indicator result, suggestions) for each of the kommune's red and orange indicators that has some."""
    if not dashboard:
        return []
    pairs = []
    for result in (stored.result for stored in dashboard.indicators):
        if result.colour in NEEDS_HELP:
            suggestions = suggested_practices(place, indicator_id=result.indicator_id)
            if suggestions:
                pairs.append((result, suggestions))
    return pairs
