"""Peer groups of kommuner for the national roll-up's breakdowns, as a registry: size class, fylke, networks,
and KOSTRA groups when ``places`` holds them.

Each source takes the kommuner (number → facts stored for them) and returns its groups with their members, in
the order the roll-up shows them. A kommune may be in several groups of one source (networks overlap) or in none.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lokalagenda.measurement.peers import SIZE_CLASSES
from lokalagenda.places.models import Fylke, Network, NetworkMembership


@dataclass(frozen=True)
class KommuneFacts:
    """What the roll-up knows of one kommune: its name, fylke and size class (as the run stored it)."""

    number: str
    name: str
    fylke: str
    size_class: str


@dataclass(frozen=True)
class PeerGroup:
    code: str
    name: str
    members: frozenset[str]


GroupSource = Callable[[dict[str, KommuneFacts]], list[PeerGroup]]


def size_groups(kommuner: dict[str, KommuneFacts]) -> list[PeerGroup]:
    """The five size classes by residents, smallest first (only classes that have kommuner)."""
    groups = [PeerGroup(size, size, frozenset(n for n, facts in kommuner.items() if facts.size_class == size))
              for size in SIZE_CLASSES]
    return [group for group in groups if group.members]


def fylke_groups(kommuner: dict[str, KommuneFacts]) -> list[PeerGroup]:
    """The 15 fylker in number order."""
    return [PeerGroup(fylke.number, fylke.name,
                      frozenset(n for n, facts in kommuner.items() if facts.fylke == fylke.number))
            for fylke in Fylke.objects.order_by("number")]


def network_groups(kommuner: dict[str, KommuneFacts]) -> list[PeerGroup]:
    """Every network with its current kommune members (fylkeskommuner left out), by name; empty ones dropped."""
    members: dict[int, set[str]] = {}
    current = NetworkMembership.objects.filter(left_year__isnull=True, kommune__isnull=False)
    for network_id, number in current.values_list("network_id", "kommune_id"):
        if number in kommuner:
            members.setdefault(network_id, set()).add(number)
    return [PeerGroup(network.slug, network.name, frozenset(members[network.id]))
            for network in Network.objects.filter(id__in=members).order_by("name")]


def kostra_groups(kommuner: dict[str, KommuneFacts]) -> list[PeerGroup]:
    """SSB's KOSTRA groups in force this year, read from ``places`` (see :func:`kostra_available`), by code."""
    from lokalagenda.places.kostra import kostra_groups_as_of

    names: dict[str, str] = {}
    members: dict[str, set[str]] = {}
    for number, membership in kostra_groups_as_of(timezone.now().year).items():
        if number in kommuner:
            names[membership.group_id] = membership.group.name
            members.setdefault(membership.group_id, set()).add(number)
    return [PeerGroup(code, names[code], frozenset(members[code])) for code in sorted(members)]


def kostra_available() -> bool:
    """True when ``places`` holds KOSTRA groups (its ``KostraGroup`` model and ``kostra`` reads)."""
    try:
        apps.get_model("places", "KostraGroup")
    except LookupError:
        return False
    return importlib.util.find_spec("lokalagenda.places.kostra") is not None


#: The breakdowns of the roll-up: name → (label, source), in the order the page and the files show them.
BREAKDOWNS: dict[str, tuple[str, GroupSource]] = {
    "size": (_("size class"), size_groups),
    "fylke": (_("fylke"), fylke_groups),
    "network": (_("network"), network_groups),
}


def breakdowns() -> dict[str, tuple[str, GroupSource]]:
    """The registered breakdowns, with KOSTRA groups when ``places`` has them."""
    if kostra_available():
        return {**BREAKDOWNS, "kostra": (_("KOSTRA group"), kostra_groups)}
    return dict(BREAKDOWNS)
