"""Local relevance of the 169 SDG targets for kommuner and fylkeskommuner.

Seeded from ``service_areas.yaml`` by ``lokalagenda load-reference`` and refined by national editors, with
the full history of changes. Other apps ask through ``locally_relevant_targets``.
"""

from __future__ import annotations

from lokalagenda.framework.relevance.queries import levels_at_least, relevance_list

__all__ = ["locally_relevant_targets"]


def locally_relevant_targets(level: str = "kommune", minimum: str = "low") -> list[str]:
    """The codes of the targets, in UN order, whose relevance for ``level`` (``kommune`` or ``fylkeskommune``)
    is at least ``minimum`` (``high``, ``medium``, ``low`` or ``none``).

    Raises ``ValueError`` for an unknown level of government or relevance level.
    """
    rows = relevance_list(level, levels=levels_at_least(minimum))
    return list(rows.values_list("target_id", flat=True))
