"""The stored measurement status of a network's members, for the network page.

Read only, from the latest finished measurement run (a page never computes a score). It lives in ``web``, not
beside the network models in ``places``: the measurement app uses networks as peer groups, so ``places`` must not
read measurement results.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lokalagenda.measurement import colour_meaning
from lokalagenda.measurement.labels import COLOURS
from lokalagenda.measurement.models import GoalResult, PlaceResult
from lokalagenda.measurement.querysets import latest_run
from lokalagenda.places.models import NetworkMembership


@dataclass(frozen=True)
class ColourGroup:
    """The goals of one member with one status colour: symbol and words, so colour is never alone."""

    colour: str
    symbol: str
    words: str
    goals: list[int]


@dataclass
class MemberStatus:
    membership: NetworkMembership
    index: float | None = None
    groups: list[ColourGroup] = field(default_factory=list)
    measured: bool = False


def member_statuses(memberships: list[NetworkMembership]) -> tuple[Any, list[MemberStatus]]:
    """The latest finished run (or None) and, for each member, its index and goals grouped by status colour."""
    run = latest_run()
    statuses = [MemberStatus(membership) for membership in memberships]
    if run is None:
        return None, statuses
    places = [status.membership.place for status in statuses]
    goals: dict[str, dict[str, list[int]]] = {}
    rows = GoalResult.objects.filter(run=run, place__in=places).exclude(colour="").order_by("goal_id")
    for place, goal, colour in rows.values_list("place", "goal_id", "colour"):
        goals.setdefault(place, {}).setdefault(colour, []).append(goal)
    indices = dict(PlaceResult.objects.filter(run=run, place__in=places).values_list("place", "index"))
    kind = colour_meaning.one_kind(colour_meaning.goal_comparisons(run.id).values())  # the words say which
    for status in statuses:
        place = status.membership.place
        status.measured = place in indices or place in goals
        status.index = indices.get(place)
        by_colour = goals.get(place, {})
        status.groups = [ColourGroup(colour, symbol, colour_meaning.colour_words(colour, kind), by_colour[colour])
                         for colour, (symbol, _words) in COLOURS.items() if colour in by_colour]
    return run, statuses
