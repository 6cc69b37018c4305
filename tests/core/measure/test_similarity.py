"""Similar kommuner (``similar-kommuner/1``) on hand-made values: standardising, the weighted distance, zero
weights, missing values, the peer groups and the checks of weights."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from lokalagenda.core.measure import registry
from lokalagenda.core.measure import similarity as method
from lokalagenda.core.measure.peers import group_percentiles
from lokalagenda.core.measure.similarity import KEYS, SimilarityError

ZERO = dict.fromkeys(KEYS, 0.0)


def _observations(values: dict[str, dict[str, float]], year: int = 2026) -> pd.DataFrame:
    """Long observations from {place: {variable: value}}."""
    rows = [(key, place, year, value) for place, row in values.items() for key, value in row.items()]
    return pd.DataFrame(rows, columns=["indicator", "place", "year", "value"])


def _full(population: float, density: float, young: float, old: float, oldest: float, need: float
          ) -> dict[str, float]:
    return dict(zip(KEYS, (population, density, young, old, oldest, need), strict=True))


def test_z_scores_use_the_mean_and_population_sd_and_population_and_density_as_logarithms():
    values = pd.DataFrame({key: [1.0, 2.0, 3.0] for key in KEYS}, index=pd.Index(["A", "B", "C"], name="place"))
    values["POP_TOTAL"] = [10.0, 100.0, 1000.0]  # equally spaced as logarithms
    values["POP_DENSITY"] = [1.0, 10.0, 100.0]
    z = method.standardise(values)
    assert z.to_numpy() == pytest.approx(np.tile([[-math.sqrt(1.5)], [0.0], [math.sqrt(1.5)]], 6))
    values["POP_TOTAL"] = [10.0, 10.0, 10.0]  # no spread: no information, z = 0
    assert method.standardise(values)["POP_TOTAL"].tolist() == [0.0, 0.0, 0.0]


def test_a_value_at_or_below_zero_has_no_logarithm_and_counts_as_missing():
    values = pd.DataFrame({key: [1.0, 2.0, 3.0] for key in KEYS}, index=["A", "B", "C"])
    values["POP_DENSITY"] = [0.0, 10.0, 100.0]
    assert math.isnan(method.standardise(values).at["A", "POP_DENSITY"])


def test_distance_is_the_weighted_root_mean_square_of_z_differences():
    z = pd.DataFrame([[0.0] * 6, [1.0, 2.0, 0.0, 0.0, 0.0, 0.0]], index=["A", "B"], columns=list(KEYS))
    weights = {**ZERO, "POP_TOTAL": 2.0, "POP_DENSITY": 1.0, "POP_SHARE_0_17": 1.0}
    expected = math.sqrt((2 * 1 ** 2 + 1 * 2 ** 2 + 1 * 0) / 4)
    assert method.distance_matrix(z, weights).at["A", "B"] == pytest.approx(expected)
    doubled = {key: 2 * weight for key, weight in weights.items()}
    assert method.distance_matrix(z, doubled).at["A", "B"] == pytest.approx(expected)  # only ratios matter


def test_a_zero_weight_drops_a_variable():
    found = method.similarity(_observations({
        "A": _full(1000, 10, 20, 20, 5, 1.0), "B": _full(1000, 10, 20, 20, 5, 1.5),
        "C": _full(50000, 500, 25, 15, 4, 1.0)}), {"KMD_EXPENDITURE_NEED_INDEX": 0})
    assert "KMD_EXPENDITURE_NEED_INDEX" not in found.used
    assert found.nearest("A", 1).to_dict() == {"B": 0.0}  # they differ only in the dropped variable


def test_weights_decide_who_is_nearest():
    observations = _observations({"A": _full(1000, 10, 20, 20, 5, 1.0), "B": _full(1000, 1000, 20, 20, 5, 1.0),
                                  "C": _full(100000, 10, 20, 20, 5, 1.0)})
    only_size = {**ZERO, "POP_TOTAL": 1.0}
    only_density = {**ZERO, "POP_DENSITY": 1.0}
    assert list(method.similarity(observations, only_size).nearest("A").index) == ["B", "C"]
    assert list(method.similarity(observations, only_density).nearest("A").index) == ["C", "B"]


def test_the_answer_never_holds_the_kommune_itself_and_is_nearest_first():
    found = method.similarity(_observations({place: _full(10 ** power, 10, 20, 20, 5, 1.0)
                                             for place, power in (("A", 2), ("B", 3), ("C", 5), ("D", 4))}))
    nearest = found.nearest("B", 10)
    assert "B" not in nearest.index and list(nearest.index) == ["A", "D", "C"]
    assert nearest.is_monotonic_increasing


def test_a_missing_value_is_compared_on_the_variables_both_have():
    observations = _observations({"A": _full(1000, 10, 20, 20, 5, 1.0), "B": _full(1000, 10, 20, 20, 5, 1.9),
                                  "C": _full(80000, 10, 20, 20, 5, 1.0)})
    observations = observations[~((observations["place"] == "A")
                                  & (observations["indicator"] == "KMD_EXPENDITURE_NEED_INDEX"))]
    found = method.similarity(observations)
    assert found.missing("A") == ["KMD_EXPENDITURE_NEED_INDEX"]
    assert found.nearest("A", 1).to_dict() == {"B": 0.0}  # the one difference is in the value A lacks
    assert found.coverage()["A"] == pytest.approx(5 / 6) and found.left_out() == {}


def test_a_kommune_with_too_little_of_the_weight_is_left_out_with_the_reason():
    observations = _observations({"A": {"POP_TOTAL": 1000.0}, "B": _full(1000, 10, 20, 20, 5, 1.0),
                                  "C": _full(9000, 90, 25, 15, 4, 1.2)})
    found = method.similarity(observations)
    assert list(found.left_out()) == ["A"] and "POP_DENSITY" in found.left_out()["A"]
    with pytest.raises(SimilarityError, match="kommune A cannot be compared") as error:
        found.nearest("A")
    assert error.value.reason == "left_out"
    assert "A" not in found.nearest("B").index  # nor is it anyone's twin
    assert not np.isnan(found.matrix.at["B", "C"])


def test_latest_values_take_each_places_latest_year_per_variable():
    observations = pd.DataFrame([("POP_TOTAL", "A", 2020, 100.0), ("POP_TOTAL", "A", 2026, 200.0),
                                 ("POP_DENSITY", "A", 2025, 5.0), ("ROAD_KM_PUBLIC", "A", 2026, 9.0)],
                                columns=["indicator", "place", "year", "value"])
    values, years = method.latest_values(observations)
    assert values.at["A", "POP_TOTAL"] == 200.0 and years.at["A", "POP_DENSITY"] == 2025
    assert list(values.columns) == list(KEYS) and math.isnan(values.at["A", "POP_SHARE_0_17"])


def test_groups_are_the_kommune_and_its_nearest_and_only_its_own_percentile_is_kept():
    found = method.similarity(_observations({place: _full(10 ** power, 10, 20, 20, 5, 1.0)
                                             for place, power in (("A", 2), ("B", 3), ("C", 4), ("D", 5))}))
    groups = found.groups(top=2)
    a_group = groups[groups["code"] == "A"]
    assert sorted(a_group["place"]) == ["A", "B", "C"] and set(a_group["name"]) == {"B C"}
    scores = pd.DataFrame({"place": ["A", "B", "C", "D"], "key": "i", "score": [10.0, 20.0, 30.0, 40.0]})
    ranked = group_percentiles(scores, groups)
    assert (ranked["place"] == ranked["code"]).all() and len(ranked) == 4
    a_rank = ranked.set_index("place").loc["A"]
    assert a_rank["percentile"] == pytest.approx(100 / 3) and a_rank["group_size"] == 3


@pytest.mark.parametrize("text, reason", [("POP_TOTAL", "bad_weight"), ("=2", "bad_weight"),
                                          ("POP_TOTAL=two", "bad_weight"), ("POP_TOTAL=nan", "bad_weight")])
def test_a_weight_not_written_variable_equals_number_is_refused(text, reason):
    with pytest.raises(SimilarityError, match="VARIABLE=NUMBER") as error:
        method.parse_weight(text)
    assert error.value.reason == reason


def test_weight_checks_name_the_problem():
    assert method.parse_weight(" POP_TOTAL=0.5") == ("POP_TOTAL", 0.5)
    with pytest.raises(SimilarityError, match="unknown variable 'AREA'; the variables are POP_TOTAL"):
        method.weights({"AREA": 1.0})
    with pytest.raises(SimilarityError, match="weight of POP_TOTAL must be a number of 0 or more") as error:
        method.weights({"POP_TOTAL": -1.0})
    assert error.value.reason == "negative_weight" and error.value.subject == "POP_TOTAL"
    with pytest.raises(SimilarityError, match="every weight is 0"):
        method.weights(ZERO)


def test_no_values_at_all_is_an_error():
    with pytest.raises(SimilarityError, match="no structural values") as error:
        method.similarity(pd.DataFrame(columns=["indicator", "place", "year", "value"]))
    assert error.value.reason == "no_data"


def test_the_method_is_recorded_with_its_version_and_title():
    assert registry.title("similar_kommuner") == "Similar kommuner"
    step = next(step for step in registry.steps() if step.name == "similar_kommuner")
    assert step.version == method.VERSION == "similar-kommuner/1"
    assert method.parameters(method.default_weights())["weights"]["POP_TOTAL"] == 2.0
