"""Values of fylker and the country made from their kommuner's values, for the years no published value is stored.

* **Counts** (indicators whose parts may be summed): the sum of the kommuner's values, given only where every
  kommune of the area has a value that year — a sum over part of an area would understate it.
* **Rates, shares and indices**: the mean of the kommuner's values weighted by their residents, given where the
  kommuner with a value hold at least ``min_coverage`` (two thirds) of the area's residents that year. The weights are
  whole populations: a rate whose denominator is part of the population (two-year-olds vaccinated) is weighted
  as if that part were in proportion, which is the usual approximation where the denominators are not published.

A kommune's residents in a year without a population figure are those of its closest year with one (the earlier
on a tie). Values published for an area always win over made ones: the caller only asks for what is missing.
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pandas as pd

from lokalagenda.core.i18n import gettext_noop
from lokalagenda.core.measure.registry import describe
from lokalagenda.core.measure.results import MeasurementError

VERSION = "area-aggregation/1"
describe("area_aggregation", VERSION, "Values of fylker and the country from their kommuner's",
         title=gettext_noop("Values of fylker and the country from their kommuner"))
#: Two thirds, not more: the kommuner merged since 2017 have no rates for their old territories (a rate cannot be
#: carried across a boundary change), which leaves the country at about 70 % of its residents for years before
#: 2020; the kommuner missing for that reason are not a biased sample of the area.
MIN_COVERAGE = 2 / 3
COLUMNS = ["place", "indicator", "year", "value", "kommuner", "coverage"]


def population_by_year(population: pd.DataFrame, years: Collection[int]) -> pd.DataFrame:
    """Residents of each kommune in each of ``years`` (columns place, year, population), each year without a
    figure filled from the kommune's closest year with one (the earlier on a tie)."""
    if population.empty or not len(years):
        return pd.DataFrame(columns=["place", "year", "population"])
    wide = population.pivot_table(index="place", columns="year", values="population", aggfunc="last")
    known = np.asarray(wide.columns, dtype="int64")
    wanted = np.asarray(sorted(set(years)), dtype="int64")
    values = wide.to_numpy(dtype="float64")
    filled = np.full((len(wide.index), len(wanted)), np.nan)
    distance = np.abs(wanted[None, :] - known[:, None])  # [known year, wanted year]
    order = np.argsort(distance, axis=0, kind="stable")  # known years are increasing: the earlier wins a tie
    for rank in range(len(known)):
        candidate = values[:, order[rank]]
        filled = np.where(np.isnan(filled), candidate, filled)
    frame = pd.DataFrame(filled, index=wide.index, columns=pd.Index(wanted, name="year"))
    return frame.stack().rename("population").reset_index()


def area_values(values: pd.DataFrame, areas: pd.DataFrame, population: pd.DataFrame, additive: Collection[str], *,
                min_coverage: float = MIN_COVERAGE) -> pd.DataFrame:
    """The values of every area made from its kommuner's values.

    Parameters
    ----------
    values
        The kommuner's values: columns place, indicator, year, value.
    areas
        Which kommuner make up which area: columns place (kommune) and area; a kommune is usually in two (its
        fylke and the country).
    population
        Residents: columns place, year, population.
    additive
        The indicators whose values are counts that may be summed; every other one is a rate, share or index.

    Returns
    -------
    pandas.DataFrame
        Columns place (the area), indicator, year, value, kommuner (how many had a value) and coverage (their
        share of the area's residents), one row per area, indicator and year where a value could be made.
    """
    if not 0 < min_coverage <= 1:
        raise MeasurementError(f"the least share of residents must be in (0, 1], not {min_coverage}")
    if values.empty or areas.empty:
        return pd.DataFrame(columns=COLUMNS)
    residents = population_by_year(population, values["year"].unique())
    members = areas.groupby("area")["place"].nunique().rename("members")
    totals = (areas.merge(residents, on="place").groupby(["area", "year"])["population"].sum()
              .rename("area_population"))
    rows = (values.dropna(subset=["value"]).merge(areas, on="place")
            .merge(residents, on=["place", "year"], how="left"))
    rows["weighted"] = rows["value"] * rows["population"]
    rows["weight"] = rows["population"].where(rows["value"].notna())
    grouped = rows.groupby(["area", "indicator", "year"]).agg(
        total=("value", "sum"), kommuner=("value", "count"), weighted=("weighted", "sum"), weight=("weight", "sum"))
    grouped = grouped.join(members, on="area").join(totals, on=["area", "year"])
    summed = grouped.index.get_level_values("indicator").isin(list(additive))
    with np.errstate(divide="ignore", invalid="ignore"):
        coverage = (grouped["weight"] / grouped["area_population"]).to_numpy(dtype="float64")
        mean = (grouped["weighted"] / grouped["weight"]).to_numpy(dtype="float64")
    complete = (grouped["kommuner"] == grouped["members"]).to_numpy()
    value = np.where(summed, np.where(complete, grouped["total"], np.nan),
                     np.where(coverage >= min_coverage, mean, np.nan))
    result = grouped.assign(value=value, coverage=np.where(summed & complete, 1.0, coverage)).reset_index()
    result = result.rename(columns={"area": "place"}).dropna(subset=["value"])
    return result[COLUMNS].reset_index(drop=True)
