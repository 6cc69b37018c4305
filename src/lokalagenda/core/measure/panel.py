"""Dense inputs for the methods that compare places: a cube of values and the catalogue's facts per indicator.

The SDSN and OECD methods (:mod:`~lokalagenda.core.measure.normalise`, :mod:`~lokalagenda.core.measure.distance`)
work on every kommune × indicator × year at once, so they take the values as one float cube
(:class:`Panel`, ``NaN`` = no value) and the catalogue as arrays aligned with its indicator axis
(:class:`IndicatorSpecs`). Their results come back as *wide* tables: one row per place, one column per
(indicator or goal, year), which cost nothing to build from a cube and nothing to turn back into one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lokalagenda.core.measure.results import MeasurementError


@dataclass(frozen=True)
class Panel:
    """Values of many indicators for many places over years.

    ``values[p, i, y]`` is the value of ``indicators[i]`` for ``places[p]`` in ``years[y]`` (``NaN``: none).
    ``years`` is increasing.
    """

    values: np.ndarray
    places: np.ndarray
    indicators: np.ndarray
    years: np.ndarray

    def __post_init__(self) -> None:
        expected = (len(self.places), len(self.indicators), len(self.years))
        if self.values.shape != expected:
            raise MeasurementError(f"a panel of {expected} places × indicators × years has values of shape "
                                   f"{self.values.shape}")
        if len(self.years) > 1 and not (np.diff(self.years) > 0).all():
            raise MeasurementError("a panel's years must be increasing")

    @classmethod
    def from_observations(cls, table: pd.DataFrame) -> Panel:
        """The panel of a tidy table with the columns ``place``, ``indicator``, ``year`` and ``value``.

        Rows with a missing value leave their cell ``NaN``; a disaggregation column, if present, must be empty
        (totals only).

        Raises
        ------
        MeasurementError
            If a place has two values for the same indicator and year, or a row is not a total.
        """
        if "disaggregation" in table and (table["disaggregation"].fillna("") != "").any():
            raise MeasurementError("a panel holds totals only: leave out rows with a disaggregation")
        place_codes, places = pd.factorize(table["place"], sort=True)
        indicator_codes, indicators = pd.factorize(table["indicator"], sort=True)
        year_codes, years = pd.factorize(table["year"].astype("int64"), sort=True)
        shape = (len(places), len(indicators), len(years))
        present = table["value"].notna().to_numpy()
        flat = np.ravel_multi_index((place_codes[present], indicator_codes[present], year_codes[present]), shape)
        if len(np.unique(flat)) != len(flat):
            raise MeasurementError("a place has two values for the same indicator and year")
        values = np.full(shape, np.nan)
        values.flat[flat] = table["value"].to_numpy(dtype="float64")[present]
        return cls(values, np.asarray(places, dtype=object), np.asarray(indicators, dtype=object),
                   np.asarray(years, dtype="int64"))

    def latest_year_index(self) -> np.ndarray:
        """Per indicator, the index of the latest year in which any place has a value (-1: none)."""
        has = ~np.isnan(self.values).all(axis=0)
        last = len(self.years) - 1 - np.argmax(has[:, ::-1], axis=1)
        return np.where(has.any(axis=1), last, -1)

    def wide(self, cube: np.ndarray, columns: Sequence[object] | np.ndarray | None = None) -> pd.DataFrame:
        """A cube ``[place, column, year]`` as a wide table: one row per place, columns (column, year)."""
        labels = self.indicators if columns is None else np.asarray(columns, dtype=object)
        index = pd.MultiIndex.from_product([labels, self.years], names=["key", "year"])
        return pd.DataFrame(cube.reshape(len(self.places), -1), index=pd.Index(self.places, name="place"),
                            columns=index)


def cube_of(table: pd.DataFrame) -> np.ndarray:
    """The cube ``[place, column, year]`` behind a wide table made by :meth:`Panel.wide`."""
    columns = table.columns
    assert isinstance(columns, pd.MultiIndex)
    keys, years = columns.levshape
    return table.to_numpy(dtype="float64").reshape(len(table.index), keys, years)


def keys_and_years(table: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """The key (indicator or goal) and year axes of a wide table made by :meth:`Panel.wide`."""
    columns = table.columns
    assert isinstance(columns, pd.MultiIndex)
    return np.asarray(columns.levels[0], dtype=object), np.asarray(columns.levels[1], dtype="int64")


def goal_means(cube: np.ndarray, membership: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per ``[place, goal, year]``: the mean of the goal's non-missing values, and how many there were."""
    present = ~np.isnan(cube)
    total = np.einsum("piy,ig->pgy", np.where(present, cube, 0.0), membership)
    count = np.einsum("piy,ig->pgy", present.astype("float64"), membership)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / count, np.nan), count


def long_table(places: pd.Index, keys: np.ndarray, years: np.ndarray, key_name: str,
               cubes: Mapping[str, np.ndarray]) -> pd.DataFrame:
    """Cubes ``[place, key, year]`` as one long table: place, ``key_name``, year and one column per cube."""
    shape = (len(places), len(keys), len(years))
    place, key, year = (axis.ravel() for axis in np.indices(shape))
    table = pd.DataFrame({"place": np.asarray(places, dtype=object)[place], key_name: keys[key],
                          "year": years[year]})
    for name, cube in cubes.items():
        table[name] = cube.ravel()
    return table


@dataclass(frozen=True)
class IndicatorSpecs:
    """What the catalogue says about each indicator of a panel, as arrays aligned with ``Panel.indicators``.

    ``goal`` is the goal number (1–17); ``higher_is_better`` the orientation; ``optimum`` the 2030 target or
    technical optimum (``NaN``: none in the catalogue); ``green``, ``yellow`` and ``orange`` the dashboard
    thresholds in the indicator's own unit: the value from which an indicator is green (target reached), yellow
    and orange (``NaN``: no thresholds, so colours are relative to the peers). ``headline`` marks the
    indicators that count in the OECD goal index. ``worst`` is the catalogue's worst bound of the score, which
    replaces the 2.5th percentile where the catalogue sets one (``None`` or ``NaN``: none).
    """

    goal: np.ndarray
    higher_is_better: np.ndarray
    optimum: np.ndarray
    green: np.ndarray
    yellow: np.ndarray
    orange: np.ndarray
    headline: np.ndarray
    worst: np.ndarray | None = None

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, indicators: Sequence[object] | np.ndarray) -> IndicatorSpecs:
        """Specs from a table indexed by indicator with the columns ``goal`` and ``higher_is_better`` and,
        optionally, ``optimum``, ``green``, ``yellow``, ``orange``, ``headline`` and ``worst``.

        Raises
        ------
        MeasurementError
            If an indicator of the panel is missing from the table.
        """
        missing = [code for code in indicators if code not in frame.index]
        if missing:
            raise MeasurementError(f"no catalogue entry for indicator(s) {', '.join(map(str, missing[:10]))}")
        rows = frame.loc[list(indicators)]

        def column(name: str, default: object) -> pd.Series:
            return rows[name] if name in rows else pd.Series(default, index=rows.index)

        return cls(
            goal=rows["goal"].to_numpy(dtype="int64"),
            higher_is_better=rows["higher_is_better"].to_numpy(dtype=bool),
            optimum=column("optimum", np.nan).to_numpy(dtype="float64"),
            green=column("green", np.nan).to_numpy(dtype="float64"),
            yellow=column("yellow", np.nan).to_numpy(dtype="float64"),
            orange=column("orange", np.nan).to_numpy(dtype="float64"),
            headline=column("headline", True).to_numpy(dtype=bool),
            worst=column("worst", np.nan).to_numpy(dtype="float64"),
        )

    def goals(self) -> np.ndarray:
        """The distinct goal numbers, increasing."""
        return np.unique(self.goal)

    def membership(self) -> np.ndarray:
        """A ``[indicator, goal]`` 0/1 matrix (goals as in :meth:`goals`)."""
        return (self.goal[:, None] == self.goals()[None, :]).astype("float64")
