"""The noise of a measurement run's values: the population each share or rate is of (read from the stored
population table), the core's intervals and trend verdicts (:mod:`lokalagenda.core.measure.noise`), and what an
indicator result stores of them (``IndicatorResult.uncertainty``)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from lokalagenda.core.measure import noise
from lokalagenda.core.measure.denominators import POPULATION_COLUMNS
from lokalagenda.core.measure.results import MethodResult, optional_float, optional_int
from lokalagenda.core.observations import COUNTRY
from lokalagenda.places.models import KommunePopulation


def population_table() -> pd.DataFrame:
    """Residents on 1 January (SSB 07459) by place and year, with the age columns: every kommune's, and each
    fylke's and the country's as the sum of their kommuner's (a kommune without a row that year counts as 0, so
    an area's population is never overstated and its intervals never too narrow)."""
    rows = KommunePopulation.objects.values_list("kommune_id", "kommune__fylke_id", "year", *POPULATION_COLUMNS)
    frame = pd.DataFrame(list(rows), columns=["place", "fylke", "year", *POPULATION_COLUMNS])
    columns = list(POPULATION_COLUMNS)
    fylker = frame.groupby(["fylke", "year"], as_index=False)[columns].sum(min_count=1).rename(
        columns={"fylke": "place"})
    country = frame.groupby("year", as_index=False)[columns].sum(min_count=1).assign(place=COUNTRY)
    whole = pd.concat([frame.drop(columns="fylke"), fylker, country], ignore_index=True)
    return whole.astype({column: "float64" for column in columns})


def assess(values: pd.DataFrame, trends: MethodResult, population: pd.DataFrame) -> dict[str, MethodResult]:
    """The intervals of ``values`` (indicator, place, year, value) and the noise verdict of each SDSN trend."""
    intervals = noise.rate_intervals(values[["indicator", "place", "year", "value"]], population)
    return {"intervals": intervals, "noise": noise.trend_noise(intervals, trends)}


def stored(results: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """Per (place, indicator) with an interval, the ``uncertainty`` an indicator result stores: the verdict and
    the SDSN word it replaced, the kind of value and the confidence level, the change between the trend's years
    with its interval, and ``intervals`` as ``[year, lower, upper, n]`` rows, oldest first."""
    intervals: MethodResult = results["intervals"]
    kinds = {code: spec["kind"] for code, spec in intervals.parameters["denominators"].items()}
    confidence = intervals.parameters["confidence"]
    table = intervals.table.sort_values(["place", "indicator", "year"])
    rows = zip(table["place"], table["indicator"], table["year"], table["lower"], table["upper"], table["n"],
               strict=True)
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for place, indicator, year, lower, upper, n in rows:
        entry = found.setdefault((place, indicator), {"kind": kinds[indicator], "confidence": confidence,
                                                      "intervals": []})
        entry["intervals"].append([int(year), _rounded(lower), _rounded(upper), _rounded(n)])
    verdicts = results["noise"].table
    for row in verdicts[verdicts["verdict"] != noise.NOT_ASSESSED].itertuples(index=False):
        entry = found.get((row.place, row.indicator))
        if entry is not None:
            entry.update(verdict=str(row.verdict), sdsn_trend=str(row.sdsn_trend),
                         base_year=optional_int(row.base_year), end_year=optional_int(row.end_year),
                         change=_rounded(row.change), change_lower=_rounded(row.change_lower),
                         change_upper=_rounded(row.change_upper))
    return found


def _rounded(value: Any) -> float | None:
    """Six significant digits are more than any page shows, and keep the stored JSON small."""
    number = optional_float(value)
    return None if number is None or not np.isfinite(number) else float(f"{number:.6g}")
