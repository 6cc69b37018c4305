"""Percentiles of places among their peers (``shared/methods/measurement.md`` §3: "compare … with its peers").

A place's percentile in a group is the share of the group's places with a score whose score is at most its own,
in per cent (pandas' ``rank(method="max", pct=True)``): 100 is the best of the group, and a group of one gives
100. Scores are the normalised 0–100 scores (higher is better), so the percentile reads the same way for every
indicator. Places without a score have no percentile and do not count in the group's size.

Groupings that give every place one group (size class, fylke, the country) are columns of a table;
groupings where a place can be in several groups at once (networks) or in none (KOSTRA groups not loaded) are
a long membership table, one row per place and group. A group that belongs to one place (kind ``similar``: a
kommune and its most similar kommuner, coded by the kommune's number) gives only that place a percentile; the
other members are in it as its peers only.
"""

from __future__ import annotations

import pandas as pd

from lokalagenda.core.i18n import gettext_noop
from lokalagenda.core.measure.registry import describe

VERSION = "peer-percentile/2"
describe("peer_percentiles", VERSION, "Percentiles of places among their peer groups (size class, fylke, country, "
         "KOSTRA group, networks, the kommune's most similar kommuner)",
         title=gettext_noop("Percentile among similar kommuner"))
MEMBERSHIP_COLUMNS = ["place", "kind", "code", "name"]
RESULT_COLUMNS = ["place", "key", "kind", "code", "name", "percentile", "group_size"]
#: The kind of group made of a kommune and its most similar kommuner (:mod:`~lokalagenda.core.measure.similarity`).
SIMILAR_KIND = "similar"
#: Kinds of group that belong to the place their code names: only that place's own percentile is kept.
ANCHORED_KINDS = frozenset({SIMILAR_KIND})


def percentile_in_groups(frame: pd.DataFrame, by: list[str], value: str = "score") -> pd.Series:
    """Each row's percentile (0–100, higher = better) of ``value`` among the rows with the same ``by`` values."""
    return frame.groupby(by, sort=False)[value].rank(method="max", pct=True) * 100


def group_percentiles(scores: pd.DataFrame, memberships: pd.DataFrame) -> pd.DataFrame:
    """Percentiles of every place in every group it belongs to, per key (indicator or goal).

    Parameters
    ----------
    scores
        Columns ``place``, ``key`` and ``score`` (NaN: no score).
    memberships
        Columns ``place``, ``kind`` (e.g. ``network``, ``kostra``), ``code`` and ``name`` of the group; a place
        may have many rows.

    Returns
    -------
    pandas.DataFrame
        Columns ``place``, ``key``, ``kind``, ``code``, ``name``, ``percentile`` and ``group_size`` (how many of
        the group's places have a score for that key), one row per place with a score, key and group.
    """
    scored = scores[scores["score"].notna()][["place", "key", "score"]]
    joined = scored.merge(memberships[MEMBERSHIP_COLUMNS], on="place", how="inner")
    if joined.empty:
        return pd.DataFrame(columns=RESULT_COLUMNS)
    by = ["key", "kind", "code"]
    joined["percentile"] = percentile_in_groups(joined, by)
    joined["group_size"] = joined.groupby(by, sort=False)["score"].transform("count").astype(int)
    own = ~joined["kind"].isin(ANCHORED_KINDS) | (joined["place"] == joined["code"])
    return joined.loc[own, RESULT_COLUMNS].reset_index(drop=True)
