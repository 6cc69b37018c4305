"""Similar kommuner from the stored structural observations (:mod:`lokalagenda.core.measure.similarity`): one
kommune's nearest kommuner for the ``similar`` command and the twin finder page, and every kommune's peer group
of its most similar kommuner for a measurement run."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
from django.db.models import Max

from lokalagenda.core.measure import similarity as method
from lokalagenda.core.measure.peers import MEMBERSHIP_COLUMNS, SIMILAR_KIND
from lokalagenda.indicators.models import DatasetRevision, Observation
from lokalagenda.places.models import Kommune

#: What to run when no structural value is stored; the bundle's ``indicators/values.csv`` holds all six.
LOAD_COMMAND = "lokalagenda import $LOKALAGENDA_DATA_DIR/indicators/values.csv"


@dataclass(frozen=True)
class Twin:
    """One of the nearest kommuner: number, name, distance and its latest value of each variable (None: none)."""

    number: str
    name: str
    distance: float
    values: list[float | None]


@dataclass(frozen=True)
class Twins:
    """A kommune's nearest kommuner for one set of weights, with what a page or an answer shows beside them.

    ``variables`` are the variables the distance used; ``values`` and ``years`` are the kommune's own latest
    values and their years, one per variable of :data:`~lokalagenda.core.measure.similarity.VARIABLES`;
    ``missing`` the variables in use it has no value for; ``left_out`` the kommuner that could not be compared,
    each with the reason.
    """

    kommune: Kommune
    weights: dict[str, float]
    variables: list[str]
    twins: list[Twin]
    values: list[float | None]
    years: list[int | None]
    missing: list[str]
    left_out: dict[str, str]

    def as_json(self) -> dict[str, Any]:
        """The ``similar`` command's answer: kommune, variables, weights, the nearest first and the version."""
        return {"kommune": self.kommune.number, "name": self.kommune.name, "version": method.VERSION,
                "variables": self.variables, "weights": self.weights,
                "similar": [{"kommune": twin.number, "name": twin.name, "distance": round(twin.distance, 4)}
                            for twin in self.twins]}


def structural_observations() -> pd.DataFrame:
    """The stored totals of the structural variables for kommuner: indicator, place, year and value."""
    rows = Observation.objects.filter(indicator_id__in=method.KEYS, disaggregation="", value__isnull=False,
                                      place__in=Kommune.objects.values("number"))
    return pd.DataFrame(list(rows.values_list("indicator_id", "place", "year", "value")),
                        columns=["indicator", "place", "year", "value"])


def kommune_similarity(overrides: Mapping[str, float] | None = None,
                       observations: pd.DataFrame | None = None) -> method.Similarity:
    """The distances between all kommuner with the default weights and ``overrides``, from ``observations``
    (default: the stored ones, :func:`structural_observations`).

    Raises
    ------
    SimilarityError
        A bad weight, or ``no_data`` (the message names the command that loads the data).
    """
    observations = structural_observations() if observations is None else observations
    chosen = method.weights(overrides or {})  # a bad weight is the first thing to say
    if observations.empty:
        raise method.SimilarityError(
            f"no structural data is loaded (none of {', '.join(method.KEYS)} has a value): run `{LOAD_COMMAND}` "
            "(`make database` does)", reason="no_data")
    return method.similarity(observations, chosen)


def twins(number: str, *, top: int = method.TOP, overrides: Mapping[str, float] | None = None) -> Twins:
    """The ``top`` kommuner most like kommune ``number``, nearest first, never the kommune itself.

    Raises
    ------
    SimilarityError
        ``unknown_kommune``, ``bad_top``, ``no_data``, ``left_out`` (too few values of its own) or a bad weight.
    """
    kommune = Kommune.objects.filter(number=number).first()
    if kommune is None:
        raise method.SimilarityError(f"no kommune has the number {number!r}", reason="unknown_kommune",
                                     subject=number)
    if top < 1:
        raise method.SimilarityError(f"--top must be 1 or more, not {top}", reason="bad_top", subject=str(top))
    observations = structural_observations()
    found = kommune_similarity(overrides, observations)
    nearest = found.nearest(number, top)
    names = dict(Kommune.objects.filter(number__in=list(nearest.index)).values_list("number", "name"))
    _values, years = method.latest_values(observations[observations["place"] == number])
    return Twins(kommune=kommune, weights=dict(found.weights), variables=found.used,
                 twins=[Twin(place, names.get(place, place), float(distance), _row(found.values, place))
                        for place, distance in nearest.items()],
                 values=_row(found.values, number),
                 years=[None if year is None else int(year) for year in _row(years, number)],
                 missing=found.missing(number), left_out=found.left_out())


def _row(table: pd.DataFrame, place: str) -> list[float | None]:
    if place not in table.index:
        return [None] * len(method.KEYS)
    return [None if pd.isna(value) else float(value) for value in table.loc[place, list(method.KEYS)]]


def peer_groups(top: int = method.TOP) -> pd.DataFrame:
    """Every kommune's peer group of itself and its ``top`` most similar kommuner (default weights), as
    membership rows; none when no structural data is stored (a run then has no such group)."""
    observations = structural_observations()
    if observations.empty:
        return pd.DataFrame(columns=MEMBERSHIP_COLUMNS)
    return method.similarity(observations).groups(top)


def state() -> dict[str, Any]:
    """What the similar-kommuner groups are made from, for a run's fingerprint: the method's version and default
    weights and the latest data revision of each structural variable (a new import makes the next run compute
    again)."""
    revisions = dict(DatasetRevision.objects.filter(indicator_id__in=method.KEYS).values("indicator_id")
                     .annotate(number=Max("number")).values_list("indicator_id", "number"))
    return {"version": method.VERSION, "weights": method.default_weights(), "top": method.TOP,
            "revisions": revisions}


def provenance(groups: pd.DataFrame | None) -> dict[str, Any]:
    """How a run made its similar-kommuner groups: version, parameters, data revisions and how many kommuner got
    a group."""
    similar = pd.DataFrame(columns=MEMBERSHIP_COLUMNS) if groups is None else groups[groups["kind"] == SIMILAR_KIND]
    return {"method": "similar_kommuner", "version": method.VERSION,
            "parameters": {**method.parameters(method.default_weights()), "revisions": state()["revisions"],
                           "kommuner": int(similar["code"].nunique())}}
