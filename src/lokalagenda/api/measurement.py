"""Stored measurement results through the API: runs, a kommune's, a fylke's or the country's results, a goal's or
an indicator's results for every place, and a side-by-side comparison of 2–5 kommuner.

Everything here reads what ``lokalagenda measure`` stored; nothing computes a score. Besides the percentiles among
the size class, fylke and country, each kommune's result lists its percentile in its KOSTRA group and in each
network it belonged to in the run's latest year (``peer_groups``). Results come from the latest
finished complete run (for one kommune: the latest run that holds it) unless ``run`` names another one.

What the data can carry: ``index`` is null unless the place has scores on ``index_rule.min_goals`` of the 17
goals (``goals_measured`` says how many it has); a goal says how many indicators carry its score
(``scored_indicators``); an indicator whose latest value is older than the run's freshness window is
``too_old``: it has its value and year, a trend and progress, but no score, colour or percentile.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from lokalagenda.api.errors import InvalidInput
from lokalagenda.api.params import GoalPath, RowId, RunFilter
from lokalagenda.api.schemas import ErrorOut
from lokalagenda.core.measure import normalise
from lokalagenda.core.observations import COUNTRY
from lokalagenda.framework.models import Goal
from lokalagenda.indicators.models import Indicator
from lokalagenda.measurement.comparisons import MAX_COMPARED, MIN_COMPARED_BY_API
from lokalagenda.measurement.models import GoalResult, IndicatorResult, MeasurementRun, PeerPercentile, PlaceResult
from lokalagenda.measurement.querysets import (
    PeerKey,
    finished_run,
    latest_run,
    latest_run_for,
    peer_groups_of,
    peer_percentiles,
)
from lokalagenda.places.models import Fylke, Kommune

router = Router(tags=["measurement"])

NO_RUN = "No measurement run yet: run `lokalagenda measure` to compute the results."


class MethodOut(Schema):
    version: str | None = None
    parameters: dict[str, Any] = {}


class RunOut(Schema):
    id: int
    started: datetime
    finished: datetime | None
    status: str
    methods: dict[str, MethodOut]
    revisions: dict[str, int]
    counts: dict[str, int]
    message: str
    complete: bool
    scope: dict[str, list[str]]


class PercentilesOut(Schema):
    size_class: float | None
    fylke: float | None
    country: float | None


class PeerGroupOut(Schema):
    kind: str = Field(description="`kostra` (a KOSTRA group of SSB Klass 112), `network` or `similar` (the "
                                  "kommune and its 10 most similar kommuner, method similar-kommuner/1)")
    code: str = Field(description="the KOSTRA group code (e.g. EKG12), the network's short name, or for "
                                  "`similar` the kommune's own number")
    name: str = Field(description="the group's name as it was when the run was made; for `similar` the "
                                  "kommunenummer of the most similar kommuner, nearest first")


class PeerGroupPercentileOut(PeerGroupOut):
    percentile: float = Field(description="0–100: the share of the group's kommuner with a score at or below "
                                          "this kommune's (higher is better)")
    group_size: int = Field(description="how many of the group's kommuner had a score")


class IndicatorResultOut(Schema):
    indicator: str
    place: str
    year: int | None
    value: float | None
    too_old: bool = Field(False, description="the latest value is older than the run's freshness window "
                                             "(`current_status` in the run's methods): no score, rating, colour or "
                                             "percentile, while trend and progress still start from it")
    progress_status: str
    progress_score: float | None
    score: float | None
    rating: float | None
    colour: str
    colour_is_relative: bool
    trend: str = Field(description="the SDSN trend arrow, or `no_clear_change` (the change is within the noise "
                                   "of a share or rate of a small population) or `too_uncertain` (too few "
                                   "residents to say anything for certain); see `uncertainty`")
    uncertainty: dict[str, Any] = Field(default_factory=dict, description=(
        "for a share or rate of a known population (method `trend_noise`): `verdict` (`clear`, "
        "`no_clear_change`, `too_uncertain`), `sdsn_trend`, `kind` (`share` or `rate`), `confidence`, "
        "`base_year`, `end_year`, `change` with `change_lower` and `change_upper`, and `intervals` as "
        "[year, lower, upper, population] rows; empty for other indicators"))
    distance_score: float | None
    percentiles: PercentilesOut
    peer_groups: list[PeerGroupPercentileOut] = []


class GoalResultOut(Schema):
    goal: int
    place: str
    score: float | None
    colour: str
    trend: str
    distance: float | None
    indicators: int = Field(description="how many of the run's scored indicators belong to the goal")
    scored_indicators: int = Field(0, description="how many of them carry this place's score (a current value)")
    percentiles: dict[str, float | None]
    peer_groups: list[PeerGroupPercentileOut] = []


class IndexRuleOut(Schema):
    min_goals: int = Field(description="how many goals need a score before a place gets an SDG index")
    goals: int = Field(description="how many goals there are (17)")
    max_missing_share: float | None = Field(None, description="no index where a larger share of the indicators "
                                                              "has no score")


INDEX_DESCRIPTION = ("the SDG index (0–100); null unless the place has scores on at least `index_rule.min_goals` of "
                     "the 17 goals")
GOALS_MEASURED_DESCRIPTION = "how many of the 17 goals have a score for this place"


class KommuneResultsOut(Schema):
    run: int
    kommune: str
    name: str
    index: float | None = Field(description=INDEX_DESCRIPTION)
    goals_measured: int = Field(description=GOALS_MEASURED_DESCRIPTION)
    index_rule: IndexRuleOut
    size_class: str
    peer_groups: list[PeerGroupOut] = []
    goals: list[GoalResultOut]
    indicators: list[IndicatorResultOut]


class AreaResultsOut(Schema):
    run: int
    place: str
    name: str
    index: float | None = Field(description=INDEX_DESCRIPTION)
    goals_measured: int = Field(description=GOALS_MEASURED_DESCRIPTION)
    index_rule: IndexRuleOut
    goals: list[GoalResultOut]
    indicators: list[IndicatorResultOut]


class GoalResultsOut(Schema):
    run: int
    goal: int
    results: list[GoalResultOut]


class IndicatorResultsOut(Schema):
    run: int
    indicator: str
    results: list[IndicatorResultOut]


class CompareOut(Schema):
    run: int
    kommuner: list[KommuneResultsOut]


def _run_out(run: MeasurementRun) -> dict[str, Any]:
    return {"id": run.id, "started": run.started_at, "finished": run.finished_at, "status": run.status,
            "methods": run.methods, "revisions": run.revisions, "counts": run.counts, "message": run.message,
            "complete": run.complete, "scope": run.scope}


def _chosen_run(run: int | None, place: str | None = None) -> MeasurementRun:
    """The finished run ``run``, or the latest finished complete one (the latest that holds ``place``, for one
    kommune); 404 when there is none."""
    if run is None:
        latest = latest_run() if place is None else latest_run_for(place)
        if latest is None:
            raise HttpError(404, NO_RUN)
        return latest
    chosen = finished_run(run)
    if chosen is None:
        raise HttpError(404, f"No finished measurement run {run}.")
    return chosen


Peers = dict[PeerKey, list[PeerPercentile]]


def _peer_groups_out(rows: list[PeerPercentile]) -> list[dict[str, Any]]:
    return [{"kind": row.group_kind, "code": row.group_code, "name": row.group_name, "percentile": row.percentile,
             "group_size": row.group_size} for row in rows]


def _index_rule(run: MeasurementRun) -> dict[str, Any]:
    """The rule the run gave its index by (runs from before the rule was a parameter: the migration's 14)."""
    parameters = run.methods.get("sdsn_index", {}).get("parameters", {})
    return {"min_goals": parameters.get("min_goals", normalise.MIN_GOALS),
            "goals": parameters.get("goals", normalise.GOAL_COUNT),
            "max_missing_share": parameters.get("max_missing_share")}


def _index_out(run: MeasurementRun, place: PlaceResult | None) -> dict[str, Any]:
    return {"index": getattr(place, "index", None), "goals_measured": getattr(place, "goals_measured", 0),
            "index_rule": _index_rule(run)}


def _indicator_out(result: IndicatorResult, peers: Peers | None = None) -> dict[str, Any]:
    return {"peer_groups": _peer_groups_out((peers or {}).get((result.place, result.indicator_id), [])),
            "indicator": result.indicator_id, "place": result.place, "year": result.year, "value": result.value,
            "too_old": result.too_old,
            "progress_status": result.progress_status, "progress_score": result.progress_score,
            "score": result.score, "rating": result.rating, "colour": result.colour,
            "colour_is_relative": result.colour_is_relative, "trend": result.trend,
            "uncertainty": result.uncertainty, "distance_score": result.distance_score,
            "percentiles": {"size_class": result.percentile_size, "fylke": result.percentile_fylke,
                            "country": result.percentile_country}}


def _goal_out(result: GoalResult, peers: Peers | None = None) -> dict[str, Any]:
    return {"peer_groups": _peer_groups_out((peers or {}).get((result.place, result.goal_id), [])),
            "goal": result.goal_id, "place": result.place, "score": result.score, "colour": result.colour,
            "trend": result.trend, "distance": result.distance, "indicators": result.indicators,
            "scored_indicators": result.scored_indicators,
            "percentiles": {"size_class": result.percentile_size, "fylke": result.percentile_fylke,
                            "country": result.percentile_country}}


def _kommune_results(run: MeasurementRun, kommuner: list[Kommune]) -> list[dict[str, Any]]:
    """Each kommune's goal results, indicator results and index in ``run``, in the order given (three queries)."""
    numbers = [kommune.number for kommune in kommuner]
    peers = peer_percentiles(run, places=numbers)
    goals: dict[str, list[dict[str, Any]]] = {number: [] for number in numbers}
    for result in GoalResult.objects.filter(run=run, place__in=numbers).order_by("place", "goal_id"):
        goals[result.place].append(_goal_out(result, peers))
    indicators: dict[str, list[dict[str, Any]]] = {number: [] for number in numbers}
    for result in IndicatorResult.objects.filter(run=run, place__in=numbers).order_by("place", "indicator_id"):
        indicators[result.place].append(_indicator_out(result, peers))
    places = {place.place: place for place in PlaceResult.objects.filter(run=run, place__in=numbers)}
    return [{"run": run.id, "kommune": kommune.number, "name": kommune.name,
             **_index_out(run, places.get(kommune.number)),
             "size_class": getattr(places.get(kommune.number), "size_class", ""),
             "peer_groups": [{"kind": kind, "code": code, "name": name}
                             for kind, code, name in peer_groups_of(run, kommune.number)],
             "goals": goals[kommune.number], "indicators": indicators[kommune.number]} for kommune in kommuner]


@router.get("/runs", response=list[RunOut])
def list_runs(request: HttpRequest) -> list[dict[str, Any]]:
    """Every measurement run, newest first, with its methods (versions and parameters) and data revisions."""
    return [_run_out(run) for run in MeasurementRun.objects.all()]


@router.get("/runs/{run_id}", response={200: RunOut, 404: ErrorOut})
def get_run(request: HttpRequest, run_id: RowId) -> dict[str, Any]:
    run = MeasurementRun.objects.filter(id=run_id).first()
    if run is None:
        raise HttpError(404, f"No measurement run {run_id}.")
    return _run_out(run)


@router.get("/kommuner/{number}/results", response={200: KommuneResultsOut, 404: ErrorOut})
def kommune_results(request: HttpRequest, number: str, run: RunFilter = None) -> dict[str, Any]:
    """A kommune's goal results, indicator results and SDG index from the latest finished run (or ``run``)."""
    kommune = Kommune.objects.filter(number=number).only("number", "name").first()
    if kommune is None:
        raise HttpError(404, f"No kommune {number}.")
    return _kommune_results(_chosen_run(run, kommune.number), [kommune])[0]


def _area_results(run: MeasurementRun, place: str, name: str) -> dict[str, Any]:
    goals = GoalResult.objects.filter(run=run, place=place).order_by("goal_id")
    indicators = IndicatorResult.objects.filter(run=run, place=place).order_by("indicator_id")
    return {"run": run.id, "place": place, "name": name,
            **_index_out(run, PlaceResult.objects.filter(run=run, place=place).first()),
            "goals": [_goal_out(result) for result in goals],
            "indicators": [_indicator_out(result) for result in indicators]}


@router.get("/fylker/{number}/results", response={200: AreaResultsOut, 404: ErrorOut})
def fylke_results(request: HttpRequest, number: str, run: RunFilter = None) -> dict[str, Any]:
    """A fylke's goal and indicator results: its published values, or values made from its kommuner's (a
    population-weighted mean where they hold two thirds of its residents; a sum where all have a count), scored
    on the kommuner's scale."""
    fylke = Fylke.objects.filter(number=number).only("number", "name").first()
    if fylke is None:
        raise HttpError(404, f"No fylke {number}.")
    return _area_results(_chosen_run(run), fylke.number, fylke.name)


@router.get("/country/results", response={200: AreaResultsOut, 404: ErrorOut})
def country_results(request: HttpRequest, run: RunFilter = None) -> dict[str, Any]:
    """Norway's goal and indicator results, made like a fylke's."""
    return _area_results(_chosen_run(run), COUNTRY, "Norge")


@router.get("/goals/{number}/results", response={200: GoalResultsOut, 404: ErrorOut})
def goal_results(request: HttpRequest, number: GoalPath, run: RunFilter = None) -> dict[str, Any]:
    """Every kommune's result for a goal (score, colour, trend, distance to 2030)."""
    if not Goal.objects.filter(number=number).exists():
        raise HttpError(404, f"No goal {number}.")
    chosen = _chosen_run(run)
    results = GoalResult.objects.filter(run=chosen, goal_id=number).order_by("place")
    peers = peer_percentiles(chosen, goal=number)
    return {"run": chosen.id, "goal": number, "results": [_goal_out(result, peers) for result in results]}


@router.get("/indicators/{indicator_id}/results", response={200: IndicatorResultsOut, 404: ErrorOut})
def indicator_results(request: HttpRequest, indicator_id: str, run: RunFilter = None) -> dict[str, Any]:
    """Every kommune's result for a catalogue indicator (latest value, progress, score, colour, percentiles)."""
    if not Indicator.objects.filter(id=indicator_id).exists():
        raise HttpError(404, f"No indicator {indicator_id} in the catalogue.")
    chosen = _chosen_run(run)
    results = IndicatorResult.objects.filter(run=chosen, indicator_id=indicator_id).order_by("place")
    peers = peer_percentiles(chosen, indicator_id=indicator_id)
    return {"run": chosen.id, "indicator": indicator_id,
            "results": [_indicator_out(result, peers) for result in results]}


@router.get("/compare", response={200: CompareOut, 404: ErrorOut})
def compare(request: HttpRequest, kommune: list[str] = Query(default=None),  # noqa: B008
            run: RunFilter = None) -> dict[str, Any]:
    """2–5 kommuner side by side (``?kommune=0301&kommune=4601``): goals, indicators and index of each."""
    numbers = list(dict.fromkeys(kommune or []))
    if not MIN_COMPARED_BY_API <= len(numbers) <= MAX_COMPARED:
        raise InvalidInput(f"Give {MIN_COMPARED_BY_API} to {MAX_COMPARED} different kommuner to compare "
                           f"(?kommune=0301&kommune=4601); got {len(numbers)}.", ["query", "kommune"])
    found = {k.number: k for k in Kommune.objects.filter(number__in=numbers).only("number", "name")}
    unknown = [number for number in numbers if number not in found]
    if unknown:
        raise HttpError(404, f"No kommune {', '.join(unknown)}.")
    chosen = _chosen_run(run)
    return {"run": chosen.id, "kommuner": _kommune_results(chosen, [found[number] for number in numbers])}
