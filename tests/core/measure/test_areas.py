import numpy as np
import pandas as pd
import pytest

from lokalagenda.core.measure.areas import area_values, population_by_year
from lokalagenda.core.measure.results import MeasurementError

AREAS = pd.DataFrame({"place": ["0001", "0002", "0003", "0001", "0002", "0003"],
                      "area": ["01", "01", "01", "0", "0", "0"]})
POPULATION = pd.DataFrame({"place": ["0001", "0002", "0003"], "year": [2020] * 3, "population": [600, 300, 100]})


def values(rows):
    return pd.DataFrame(rows, columns=["place", "indicator", "year", "value"])


def test_a_rate_is_the_mean_weighted_by_residents():
    table = values([("0001", "RATE", 2020, 90.0), ("0002", "RATE", 2020, 60.0), ("0003", "RATE", 2020, 30.0)])
    result = area_values(table, AREAS, POPULATION, additive=set()).set_index("place")
    assert result.loc["01", "value"] == pytest.approx((600 * 90 + 300 * 60 + 100 * 30) / 1000)
    assert result.loc["01", "kommuner"] == 3 and result.loc["01", "coverage"] == 1.0


def test_a_rate_needs_kommuner_holding_two_thirds_of_the_residents():
    table = values([("0001", "RATE", 2020, 90.0), ("0003", "RATE", 2020, 30.0)])  # 700 of 1000 residents
    made = area_values(table, AREAS, POPULATION, additive=set())
    assert made.loc[made["place"] == "01", "coverage"].item() == pytest.approx(0.7)
    table = values([("0001", "RATE", 2020, 90.0)])  # 600 of 1000 residents
    assert area_values(table, AREAS, POPULATION, additive=set()).empty
    assert not area_values(table, AREAS, POPULATION, additive=set(), min_coverage=0.6).empty


def test_a_count_is_summed_only_when_every_kommune_has_a_value():
    table = values([("0001", "KM", 2020, 10.0), ("0002", "KM", 2020, 5.0), ("0003", "KM", 2020, 1.0),
                    ("0001", "KM", 2021, 10.0), ("0002", "KM", 2021, 5.0)])
    result = area_values(table, AREAS, POPULATION, additive={"KM"})
    assert list(result[result["place"] == "01"][["year", "value"]].itertuples(index=False, name=None)) == [
        (2020, 16.0)]


def test_every_area_a_kommune_belongs_to_gets_a_value():
    table = values([("0001", "RATE", 2020, 90.0), ("0002", "RATE", 2020, 60.0), ("0003", "RATE", 2020, 30.0)])
    assert set(area_values(table, AREAS, POPULATION, additive=set())["place"]) == {"01", "0"}


def test_a_year_without_residents_takes_the_closest_year_with_them():
    population = pd.DataFrame({"place": ["0001", "0001", "0002"], "year": [2018, 2022, 2020],
                               "population": [100, 200, 50]})
    filled = population_by_year(population, [2019, 2020, 2021]).set_index(["place", "year"])["population"]
    assert filled[("0001", 2019)] == 100 and filled[("0001", 2021)] == 200
    assert filled[("0001", 2020)] == 100  # a tie: the earlier year
    assert filled[("0002", 2021)] == 50


def test_missing_values_are_not_counted_as_zero():
    table = values([("0001", "RATE", 2020, np.nan), ("0002", "RATE", 2020, 60.0), ("0003", "RATE", 2020, 30.0)])
    assert area_values(table, AREAS, POPULATION, additive=set()).empty


def test_a_share_of_residents_outside_zero_and_one_is_refused():
    with pytest.raises(MeasurementError, match="least share"):
        area_values(values([]), AREAS, POPULATION, additive=set(), min_coverage=1.5)
