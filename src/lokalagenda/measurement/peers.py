"""Peer groups of kommuner: size class by population, fylke and the whole country (one group each), the
networks and the KOSTRA group a kommune belongs to in a year (none, one or several), and its most similar
kommuner (:mod:`lokalagenda.measurement.similar.service`)."""

from __future__ import annotations

import bisect
from typing import Any

import pandas as pd

from lokalagenda.core.measure.peers import MEMBERSHIP_COLUMNS
from lokalagenda.measurement.similar import service as similarity
from lokalagenda.places import kostra
from lokalagenda.places.models import Kommune, KommunePopulation, KostraGroup, Network
from lokalagenda.places.networks import queries as networks

#: Upper bounds (exclusive) of the size classes, in residents; SSB's small/medium/large split, with the
#: smallest kommuner apart because they differ most in what they can measure.
SIZE_BOUNDS = (2_000, 5_000, 20_000, 50_000)
#: Written so they read the same in bokmål, nynorsk and English ("kommuner with 50 000+ residents").
SIZE_CLASSES = ("under 2 000", "2 000–4 999", "5 000–19 999", "20 000–49 999", "50 000+")


def size_class(population: int) -> str:
    """The size class of a kommune with ``population`` residents."""
    return SIZE_CLASSES[bisect.bisect_right(SIZE_BOUNDS, population)]


def peer_table() -> pd.DataFrame:
    """One row per kommune: place, fylke, size class (from its latest population) and the country."""
    latest: dict[str, tuple[int, int]] = {}
    for kommune, year, total in KommunePopulation.objects.values_list("kommune_id", "year", "total"):
        if kommune not in latest or year > latest[kommune][0]:
            latest[kommune] = (year, total)
    rows = [{"place": number, "fylke": fylke, "size": size_class(latest.get(number, (0, 0))[1]), "country": "0"}
            for number, fylke in Kommune.objects.values_list("number", "fylke_id")]
    return pd.DataFrame(rows, columns=["place", "fylke", "size", "country"])


def group_memberships(year: int) -> pd.DataFrame:
    """The kommuner's networks and KOSTRA groups in ``year``: place, kind (``network`` or ``kostra``), code (the
    network's short name or the group code) and name. A network member that left before ``year`` is no peer.
    Then each kommune's group of its most similar kommuner on the latest structural data (kind ``similar``, code:
    the kommune, name: its nearest kommuner's numbers)."""
    rows = [(kommune, "network", slug, name) for slug, name, kommune in networks.kommune_memberships_in(year)]
    rows += [(kommune, "kostra", membership.group_id, membership.group.name)
             for kommune, membership in sorted(kostra.kostra_groups_as_of(year).items())]
    parts = [frame for frame in (pd.DataFrame(rows, columns=MEMBERSHIP_COLUMNS), similarity.peer_groups())
             if not frame.empty]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=MEMBERSHIP_COLUMNS)


def groups_state() -> dict[str, list[Any]]:
    """What the network and KOSTRA peer groups are made of now, for a run's fingerprint: loading KOSTRA groups or
    changing a network's members (or names), or new structural data, makes the next run compute again."""
    return {"networks": networks.memberships_state(), "kostra": kostra.memberships_state(),
            "names": [*Network.objects.order_by("slug").values_list("slug", "name"),
                      *KostraGroup.objects.order_by("code").values_list("code", "name")],
            "similar": similarity.state()}
