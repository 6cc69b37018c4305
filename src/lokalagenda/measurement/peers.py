"""Peer groups of kommuner: size class by population, fylke, and the whole country."""

from __future__ import annotations

import bisect

import pandas as pd

from lokalagenda.places.models import Kommune, KommunePopulation

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
