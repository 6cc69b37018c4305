"""Practices shown on other apps' pages: suggestions from peers on the kommune dashboard."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import template

from lokalagenda.practices.peers import NEEDS_HELP, suggested_practices

if TYPE_CHECKING:
    from lokalagenda.web.dashboards import PlaceDashboard

register = template.Library()


@register.simple_tag
def peer_suggestions(place: str, dashboard: PlaceDashboard | None) -> list[tuple[Any, list[Any]]]:
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
