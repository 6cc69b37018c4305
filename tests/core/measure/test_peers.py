"""Percentiles among peer groups where a place can be in several groups, or none (networks, KOSTRA groups)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lokalagenda.core.measure.peers import group_percentiles, percentile_in_groups


def _scores(rows: list[tuple[str, str, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["place", "key", "score"])


def _members(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame([(place, kind, code, f"name of {code}") for place, kind, code in rows],
                        columns=["place", "kind", "code", "name"])


def test_percentile_is_the_share_of_the_group_at_or_below_the_place():
    frame = pd.DataFrame({"g": ["a"] * 4 + ["b"], "score": [10.0, 20.0, 20.0, 40.0, 5.0]})
    assert percentile_in_groups(frame, ["g"]).tolist() == [25.0, 75.0, 75.0, 100.0, 100.0]


def test_a_place_in_two_networks_gets_a_percentile_in_each():
    scores = _scores([("A", "i1", 10.0), ("B", "i1", 30.0), ("C", "i1", 20.0), ("D", "i1", 50.0)])
    members = _members([("A", "network", "n1"), ("B", "network", "n1"), ("C", "network", "n1"),
                        ("A", "network", "n2"), ("D", "network", "n2"), ("C", "kostra", "EKG12")])
    result = group_percentiles(scores, members).set_index(["place", "code"])
    assert result.loc[("A", "n1"), "percentile"] == pytest.approx(100 / 3)
    assert result.loc[("A", "n1"), "group_size"] == 3
    assert result.loc[("A", "n2"), "percentile"] == 50.0 and result.loc[("A", "n2"), "group_size"] == 2
    assert result.loc[("B", "n1"), "percentile"] == 100.0
    assert result.loc[("C", "EKG12"), "percentile"] == 100.0 and result.loc[("C", "EKG12"), "group_size"] == 1
    assert result.loc[("C", "EKG12"), "name"] == "name of EKG12"
    assert ("D", "n1") not in result.index


def test_places_without_a_score_have_no_percentile_and_do_not_count():
    scores = _scores([("A", "i1", 10.0), ("B", "i1", np.nan), ("C", "i1", 20.0), ("A", "i2", 5.0)])
    members = _members([("A", "kostra", "K"), ("B", "kostra", "K"), ("C", "kostra", "K")])
    result = group_percentiles(scores, members)
    assert set(result["place"]) == {"A", "C"}
    i1 = result[result["key"] == "i1"].set_index("place")
    assert i1["group_size"].tolist() == [2, 2] and i1.loc["A", "percentile"] == 50.0
    i2 = result[result["key"] == "i2"]
    assert i2["group_size"].tolist() == [1] and i2["percentile"].tolist() == [100.0]


def test_no_memberships_give_an_empty_table_with_the_columns():
    result = group_percentiles(_scores([("A", "i1", 10.0)]), _members([]))
    assert result.empty and list(result.columns) == ["place", "key", "kind", "code", "name", "percentile",
                                                     "group_size"]
