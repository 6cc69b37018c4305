"""Similar kommuner ("kommuner som ligner"): a weighted distance between kommuner on standardised structural
variables, in the manner of Kolada's similar-municipality tool (``docs/methods.md``, "Similar kommuner").

Method ``similar-kommuner/1``:

1. Each kommune's latest value of each variable in :data:`VARIABLES`. Population and density are taken as natural
   logarithms, so that 1,000 against 2,000 residents differs as much as 100,000 against 200,000; a value at or
   below zero has no logarithm and counts as missing.
2. Each variable is standardised over every kommune with a value: ``z = (x − mean) / sd`` (population standard
   deviation). A variable with the same value everywhere carries no information and gives ``z = 0``.
3. The distance between kommuner ``a`` and ``b`` is the weighted root mean square of their z-score differences
   over the variables *both* have a value for::

       d(a, b) = sqrt( Σ w_v (z_av − z_bv)² / Σ w_v )

   The distance reads in standard deviations. Multiplying every weight by the same number changes nothing, and a
   weight of 0 drops a variable.
4. Missing values: dividing by the weights actually used means a missing variable adds no distance and takes none
   away. A pair is compared only when the variables both have carry at least :data:`MIN_SHARED_WEIGHT` of the
   weight of the variables in use; a kommune whose own values carry less is left out, with the reason.

A kommune's "similar kommuner" peer group (:func:`Similarity.groups`) is the kommune and its :data:`TOP` nearest.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from lokalagenda.core.i18n import gettext_noop
from lokalagenda.core.measure.peers import MEMBERSHIP_COLUMNS, SIMILAR_KIND
from lokalagenda.core.measure.registry import describe
from lokalagenda.core.measure.results import MeasurementError

VERSION = "similar-kommuner/1"
#: The share of the weight in use that two kommuner's shared variables must carry before they are compared.
MIN_SHARED_WEIGHT = 0.5
#: How many nearest kommuner the peer group and the default answer hold.
TOP = 10


@dataclass(frozen=True)
class Variable:
    """A structural variable: the catalogue indicator it is read from, whether it is taken as a logarithm, its
    default weight and its display name (English, marked for translation)."""

    key: str
    log: bool
    weight: float
    title: str


#: The variables in the order pages and answers list them. Default weights: size counts double (it sets the scale
#: of every service, and SSB's KOSTRA groups start from it); the shares 67+ and 80+ count half each, as together
#: they describe one thing, the older population (their correlation across kommuner is about 0.9).
VARIABLES = (
    Variable("POP_TOTAL", True, 2.0, gettext_noop("Residents")),
    Variable("POP_DENSITY", True, 1.0, gettext_noop("Residents per km²")),
    Variable("POP_SHARE_0_17", False, 1.0, gettext_noop("Share aged 0–17")),
    Variable("POP_SHARE_67PLUS", False, 0.5, gettext_noop("Share aged 67 and over")),
    Variable("POP_SHARE_80PLUS", False, 0.5, gettext_noop("Share aged 80 and over")),
    Variable("KMD_EXPENDITURE_NEED_INDEX", False, 1.0, gettext_noop("Expenditure need index (KMD)")),
)
KEYS = tuple(variable.key for variable in VARIABLES)

describe("similar_kommuner", VERSION, "The kommuner most like a kommune: weighted distance on standardised "
         "structural variables (population, density, age shares, KMD's expenditure-need index)",
         title=gettext_noop("Similar kommuner"))


class SimilarityError(MeasurementError):
    """A request the similarity cannot answer. ``reason`` names the kind of problem for the edges to word
    (``bad_weight``, ``unknown_variable``, ``negative_weight``, ``no_weight``, ``no_data``, ``left_out``) and
    ``subject`` what it is about (the text, the variable or the kommune)."""

    def __init__(self, message: str, *, reason: str, subject: str = "") -> None:
        super().__init__(message)
        self.reason = reason
        self.subject = subject


def default_weights() -> dict[str, float]:
    """The default weight of every variable, by key."""
    return {variable.key: variable.weight for variable in VARIABLES}


def parse_weight(text: str) -> tuple[str, float]:
    """``"POP_TOTAL=2"`` as ``("POP_TOTAL", 2.0)``; the variable and the number are checked by :func:`weights`.

    Raises
    ------
    SimilarityError
        ``bad_weight``: the text is not ``VARIABLE=NUMBER``.
    """
    key, sign, number = text.partition("=")
    try:
        value = float(number)
    except ValueError:
        value = math.nan
    if not sign or not key.strip() or math.isnan(value):
        raise SimilarityError(f"a weight is written VARIABLE=NUMBER (e.g. POP_TOTAL=2), not {text!r}",
                              reason="bad_weight", subject=text)
    return key.strip(), value


def weights(overrides: Mapping[str, float] | Iterable[tuple[str, float]] = ()) -> dict[str, float]:
    """The default weights with ``overrides`` applied, checked.

    Raises
    ------
    SimilarityError
        ``unknown_variable`` (the message lists the known ones), ``negative_weight`` (also infinite ones) or
        ``no_weight`` (every weight is 0).
    """
    chosen = default_weights()
    for key, value in dict(overrides).items():
        if key not in chosen:
            raise SimilarityError(f"unknown variable {key!r}; the variables are {', '.join(KEYS)}",
                                  reason="unknown_variable", subject=key)
        if not 0 <= value < math.inf:
            raise SimilarityError(f"the weight of {key} must be a number of 0 or more, not {value:g}",
                                  reason="negative_weight", subject=key)
        chosen[key] = float(value)
    if not any(chosen.values()):
        raise SimilarityError("every weight is 0: give at least one variable a weight above 0",
                              reason="no_weight")
    return chosen


def latest_values(observations: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each place's latest value of each variable, and its year, from observations (columns ``indicator``,
    ``place``, ``year``, ``value``; other indicators and missing values are ignored): two tables indexed by place
    with one column per variable key (NaN where a place has no value)."""
    rows = observations[observations["indicator"].isin(KEYS) & observations["value"].notna()]
    rows = rows.sort_values(["place", "indicator", "year"]).drop_duplicates(["place", "indicator"], keep="last")
    values = rows.pivot(index="place", columns="indicator", values="value").reindex(columns=list(KEYS))
    years = rows.pivot(index="place", columns="indicator", values="year").reindex(columns=list(KEYS))
    return values.rename_axis(index="place", columns=None), years.rename_axis(index="place", columns=None)


def standardise(values: pd.DataFrame) -> pd.DataFrame:
    """The z-scores of the variables (logarithms where :class:`Variable` says so) over the places with a value."""
    table = values.astype("float64").copy()
    for variable in VARIABLES:
        if variable.log:
            column = table[variable.key]
            table[variable.key] = np.log(column.where(column > 0))
    spread = table.std(ddof=0)
    # Without spread every value equals the mean: dividing by 1 keeps its z-score at 0 rather than 0/0.
    return (table - table.mean()) / spread.where(spread > 0, 1.0)


@dataclass(frozen=True)
class Similarity:
    """The distances between every pair of places for one set of weights.

    ``values`` are the places' latest values (:func:`latest_values`), ``z`` their z-scores, ``weights`` the
    weights by variable key; ``matrix`` holds the distances (NaN: not comparable, and the diagonal).
    """

    values: pd.DataFrame
    z: pd.DataFrame
    weights: Mapping[str, float]
    matrix: pd.DataFrame

    @property
    def used(self) -> list[str]:
        """The variables the distance uses: a weight above 0 and at least one place with a value."""
        return [key for key in KEYS if self.weights[key] > 0 and self.values[key].notna().any()]

    def coverage(self) -> pd.Series:
        """Each place's share of the weight in use that its own values carry (1.0: it has every variable)."""
        used = self.used
        weight = np.array([self.weights[key] for key in used])
        if not used:
            return pd.Series(0.0, index=self.values.index)
        return pd.Series(self.values[used].notna().to_numpy() @ weight / weight.sum(), index=self.values.index)

    def left_out(self) -> dict[str, str]:
        """The places that cannot be compared, each with the reason in words (English)."""
        coverage = self.coverage()
        return {place: _left_out_reason(self.values.loc[place], self.used)
                for place in coverage.index[coverage < MIN_SHARED_WEIGHT]}

    def missing(self, place: str) -> list[str]:
        """The variables in use that ``place`` has no value for."""
        return [key for key in self.used if pd.isna(self.values.at[place, key])]

    def distances(self, place: str) -> pd.Series:
        """The distance from ``place`` to every other comparable place, nearest first (ties by number).

        Raises
        ------
        SimilarityError
            ``left_out`` when the place has too few values (or none) to be compared.
        """
        if place not in self.matrix.index or self.coverage()[place] < MIN_SHARED_WEIGHT:
            values = self.values.loc[place] if place in self.values.index else pd.Series(dtype="float64")
            raise SimilarityError(f"kommune {place} cannot be compared: {_left_out_reason(values, self.used)}",
                                  reason="left_out", subject=place)
        return _ordered(self.matrix.loc[place].drop(place).dropna())

    def nearest(self, place: str, top: int = TOP) -> pd.Series:
        """The ``top`` places nearest to ``place`` (never the place itself), with their distances."""
        return self.distances(place).head(top)

    def groups(self, top: int = TOP) -> pd.DataFrame:
        """Every comparable place's peer group: the place and its ``top`` nearest, as membership rows (columns
        of :data:`~lokalagenda.core.measure.peers.MEMBERSHIP_COLUMNS`; kind ``similar``, code: the place, name:
        the numbers of its nearest, nearest first)."""
        rows: list[tuple[str, str, str, str]] = []
        places, matrix = self.matrix.index.to_numpy(), self.matrix.to_numpy()
        comparable = self.coverage() >= MIN_SHARED_WEIGHT
        for index, place in enumerate(places):
            if not comparable.iloc[index]:
                continue
            row = matrix[index]
            found = ~np.isnan(row)
            order = np.lexsort((places[found], row[found]))  # by distance, ties by number
            twins = [str(twin) for twin in places[found][order][:top]]
            rows += [(member, SIMILAR_KIND, place, " ".join(twins)) for member in [place, *twins]]
        return pd.DataFrame(rows, columns=MEMBERSHIP_COLUMNS)


def _ordered(row: pd.Series) -> pd.Series:
    """Distances nearest first, ties by place number, so that answers never depend on the order of the rows."""
    frame = row.rename_axis("place").reset_index(name="distance")
    return frame.sort_values(["distance", "place"], kind="stable").set_index("place")["distance"]


def _left_out_reason(values: pd.Series, used: list[str]) -> str:
    missing = [key for key in used if pd.isna(values.get(key))]
    if not used:
        return "no variable has a weight above 0 and data"
    return (f"it has no value for {', '.join(missing)}, and the variables it has carry less than "
            f"{MIN_SHARED_WEIGHT:.0%} of the weight")


def parameters(chosen: Mapping[str, float], top: int = TOP) -> dict[str, Any]:
    """What a stored result keeps about how its distances were made: variables, weights and rules."""
    return {"variables": [{"key": v.key, "log": v.log} for v in VARIABLES], "weights": dict(chosen), "top": top,
            "min_shared_weight": MIN_SHARED_WEIGHT,
            "standardised": "z-score over the kommuner with a value (population standard deviation)",
            "distance": "weighted root mean square of the z-score differences over the variables both have"}


def distance_matrix(z: pd.DataFrame, chosen: Mapping[str, float]) -> pd.DataFrame:
    """The distance between every pair of places (NaN on the diagonal and for pairs that share too little)."""
    used = [key for key in KEYS if chosen[key] > 0 and z[key].notna().any()]
    scores = z[used].to_numpy(dtype="float64")
    weight = np.array([chosen[key] for key in used], dtype="float64")
    present = ~np.isnan(scores)
    difference = np.nan_to_num(scores[:, None, :] - scores[None, :, :])
    shared = (present[:, None, :] & present[None, :, :]) * weight
    shared_weight = shared.sum(axis=2)
    squares = (difference ** 2 * shared).sum(axis=2)
    with np.errstate(invalid="ignore", divide="ignore"):
        distances = np.sqrt(squares / shared_weight)
    distances[shared_weight < MIN_SHARED_WEIGHT * weight.sum() - 1e-12] = np.nan
    np.fill_diagonal(distances, np.nan)
    return pd.DataFrame(distances, index=z.index, columns=z.index)


def similarity(observations: pd.DataFrame, overrides: Mapping[str, float] | None = None) -> Similarity:
    """The distances between the places in ``observations`` (see :func:`latest_values`) with the default weights
    and ``overrides``.

    Raises
    ------
    SimilarityError
        ``no_data`` when no place has a value of any variable; the errors of :func:`weights`.
    """
    chosen = weights(overrides or {})
    values, _years = latest_values(observations)
    if values.empty:
        raise SimilarityError(f"no structural values: none of {', '.join(KEYS)} has a value",
                              reason="no_data")
    z = standardise(values)
    return Similarity(values=values, z=z, weights=chosen, matrix=distance_matrix(z, chosen))
