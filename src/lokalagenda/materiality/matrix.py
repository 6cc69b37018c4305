"""The materiality matrix: situation (rows, the worst first) against influence (columns, the strongest first),
and the priority targets it suggests: a large challenge the organisation can change directly comes first."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

from lokalagenda.materiality.models import Influence, Judgement, Situation

Entry = TypeVar("Entry", bound=Judgement)

SITUATIONS: Sequence[str] = tuple(Situation.values)
INFLUENCES: Sequence[str] = tuple(Influence.values)

#: A target is suggested as a priority when its situation is at most this far from the worst and the
#: organisation's influence at most this far from direct: a (major) challenge with direct or indirect influence.
SUGGESTED_SITUATIONS = frozenset(SITUATIONS[:2])
SUGGESTED_INFLUENCES = frozenset(INFLUENCES[:2])


def rank(entry: Judgement) -> tuple[int, int, int]:
    """Sort key of the suggestion: distance from the matrix's top-left corner, then the worse situation."""
    situation, influence = SITUATIONS.index(entry.situation), INFLUENCES.index(entry.influence)
    return situation + influence, situation, influence


def suggested_priorities(entries: Iterable[Entry]) -> list[Entry]:
    """The entries the matrix suggests as priority targets, the strongest case first: material targets whose
    situation is a (major) challenge and whose influence is direct or indirect. Ties keep the entries' order."""
    chosen = [entry for entry in entries if entry.material and entry.situation in SUGGESTED_SITUATIONS
              and entry.influence in SUGGESTED_INFLUENCES]
    return sorted(chosen, key=rank)


def cells(entries: Iterable[Entry]) -> dict[tuple[str, str], list[Entry]]:
    """The matrix: every (situation, influence) cell with its entries, empty cells included, in reading order."""
    grid: dict[tuple[str, str], list[Entry]] = {(row, column): [] for row in SITUATIONS for column in INFLUENCES}
    for entry in entries:
        grid[(entry.situation, entry.influence)].append(entry)
    return grid
