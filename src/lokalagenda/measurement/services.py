"""Measurement runs: every method of ``lokalagenda.core.measure`` for all kommuner, fylker and the country from the
stored observations, stored as results that pages and the API read. A run with the same data, methods, parameters
and scope as the last finished one is not computed again: the last run is reused.

What a run stores as a place's *current* status (indicator scores, colours and distances, goal scores and colours,
the index) reads only values inside the freshness window (:mod:`lokalagenda.core.measure.freshness`); trends and
progress read the whole series. The index needs scores on ``min_goals`` of the 17 goals."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from lokalagenda.core.measure import areas, distance, freshness, noise, normalise, progress, tables
from lokalagenda.core.measure import peers as peer_method
from lokalagenda.core.measure.panel import IndicatorSpecs, Panel
from lokalagenda.core.measure.results import MeasurementError, MethodResult
from lokalagenda.core.observations import COUNTRY
from lokalagenda.core.progress import Progress, null_progress
from lokalagenda.indicators.models import DatasetRevision, Indicator, Observation
from lokalagenda.measurement import uncertainty
from lokalagenda.measurement.models import GoalResult, IndicatorResult, MeasurementRun, PeerPercentile, PlaceResult
from lokalagenda.measurement.peers import group_memberships, groups_state, peer_table
from lokalagenda.measurement.similar import service as similarity
from lokalagenda.places.models import Fylke, Kommune, KommunePopulation

BATCH = 5000
STEPS = 6


@dataclass
class RunReport:
    run: MeasurementRun
    reused: bool


@dataclass(frozen=True)
class StatusRules:
    """What a run lets carry a current status: the run's year and the freshness window (values older than
    ``as_of_year − window`` give no status), and how many goals need a score before a place gets an index."""

    as_of_year: int
    window: int = freshness.WINDOW
    min_goals: int = normalise.MIN_GOALS

    def __post_init__(self) -> None:
        """Refuse impossible rules before any work is done."""
        freshness.oldest_year(self.as_of_year, self.window)  # raises for a negative window
        if not 1 <= self.min_goals <= normalise.GOAL_COUNT:
            raise MeasurementError(f"the index needs between 1 and {normalise.GOAL_COUNT} goals, not "
                                   f"{self.min_goals}")

    @classmethod
    def of_year(cls, as_of_year: int | None = None, window: int | None = None,
                min_goals: int | None = None) -> StatusRules:
        """The rules for a run made now (or in ``as_of_year``), with the defaults where nothing is given."""
        return cls(as_of_year=as_of_year if as_of_year is not None else timezone.localdate().year,
                   window=freshness.WINDOW if window is None else window,
                   min_goals=normalise.MIN_GOALS if min_goals is None else min_goals)


def scored_indicators(only: list[str] | None = None) -> pd.DataFrame:
    """The catalogue indicators the methods can score: a direction (higher or lower is better), an SDG goal
    through their targets, and values; indexed by indicator with goal, higher_is_better, optimum, worst and
    thresholds. The optimum is the catalogue's best bound of the score, else its 2030 target; the worst is its
    worst bound (empty: the methods take the 2.5th percentile of the kommuner)."""
    indicators = Indicator.objects.filter(direction__in=["higher", "lower"], observations__isnull=False,
                                          targets__isnull=False).distinct().prefetch_related("targets")
    if only:
        indicators = indicators.filter(id__in=only)
    rows = [{"indicator": i.id, "goal": min(t.goal_id for t in i.targets.all()), "higher_is_better":
             i.direction == "higher", "optimum": _first_number(i.bound_best, i.target_2030),
             "worst": _first_number(i.bound_worst),
             "green": np.nan if i.threshold_green is None else i.threshold_green,
             "orange": np.nan if i.threshold_red is None else i.threshold_red, "yellow": np.nan}
            for i in indicators]
    columns = ["indicator", "goal", "higher_is_better", "optimum", "worst", "green", "orange", "yellow"]
    return pd.DataFrame(rows, columns=columns).set_index("indicator")


def _first_number(*values: float | None) -> float:
    return next((float(value) for value in values if value is not None), np.nan)


def fingerprint(specs: pd.DataFrame, scope: dict[str, list[str]] | None = None,
                rules: StatusRules | None = None) -> tuple[str, dict[str, int]]:
    """A hash of the data revisions, the catalogue facts, the method versions and status rules (a new year can
    make a value too old), the scope a run would use and the members of the network and KOSTRA peer groups."""
    revisions = dict(DatasetRevision.objects.filter(indicator_id__in=list(specs.index)).values("indicator_id")
                     .annotate(number=Max("number")).values_list("indicator_id", "number"))
    versions = {"progress": progress.VERSION, "sdsn": normalise.VERSION, "oecd": distance.VERSION,
                "areas": areas.VERSION, "peers": peer_method.VERSION, "freshness": freshness.VERSION,
                "noise": noise.VERSION}
    payload = json.dumps({"revisions": revisions, "versions": versions, "scope": scope or {},
                          "rules": vars(rules or StatusRules.of_year()),
                          "specs": specs.reset_index().astype(str).to_dict("records"), "groups": groups_state()},
                         sort_keys=True, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest(), revisions


def measure(*, indicators: list[str] | None = None, kommuner: list[str] | None = None, force: bool = False,
            rules: StatusRules | None = None, progress_callback: Progress = null_progress) -> RunReport:
    """Run every method for all kommuner, fylker and the country, or reuse the last run when nothing it depends
    on has changed.

    ``rules`` (default: this year, a 10-year freshness window, 14 goals for an index) are stored with the run's
    methods; tests pass the year so that what counts as too old does not change with the calendar.

    ``kommuner`` narrows what is *stored*, not what is computed: bounds, relative colours and percentiles need
    every kommune, so they are computed from all of them and the run keeps only the named kommuner's results
    (its pages read it; national pages keep reading the last complete run). ``indicators`` narrows what is
    computed, so such a run is never complete (goal scores need all of a goal's indicators).
    """
    rules = rules or StatusRules.of_year()
    specs = scored_indicators(indicators)
    scope = _scope(indicators, kommuner)
    key, revisions = fingerprint(specs, scope, rules)
    last = MeasurementRun.objects.filter(status=MeasurementRun.Status.DONE, fingerprint=key).first()
    if last is not None and not force:
        progress_callback(STEPS, STEPS, "nothing changed: reusing the last run")
        return RunReport(last, reused=True)
    run = MeasurementRun.objects.create(fingerprint=key, revisions=revisions, scope=scope,
                                        complete=not scope,
                                        kommuner="" if indicators else _kommuner_field(kommuner))
    try:
        results = _compute(specs, rules, progress_callback)
        _store(run, results, progress_callback, kommuner=set(kommuner) if kommuner else None)
    except Exception as error:
        MeasurementRun.objects.filter(id=run.id).update(status=MeasurementRun.Status.FAILED, message=str(error),
                                                        finished_at=timezone.now())
        raise
    run.refresh_from_db()
    return RunReport(run, reused=False)


def _scope(indicators: list[str] | None, kommuner: list[str] | None) -> dict[str, list[str]]:
    """What a run was narrowed to (empty: complete), after checking the kommunenummer exist."""
    scope: dict[str, list[str]] = {}
    if indicators:
        scope["indicators"] = sorted(set(indicators))
    if kommuner:
        known = set(Kommune.objects.filter(number__in=kommuner).values_list("number", flat=True))
        unknown = sorted(set(kommuner) - known)
        if unknown:
            raise MeasurementError(f"no kommune with the number(s) {', '.join(unknown)}")
        scope["kommuner"] = sorted(known)
    return scope


def _kommuner_field(kommuner: list[str] | None) -> str:
    """The kommuner of a narrowed run as " 0301 4601 " (empty: all), which both databases can search."""
    return f" {' '.join(sorted(set(kommuner)))} " if kommuner else ""


def _observations(specs: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The stored totals of the scored indicators: the kommuner's, and those published for fylker and the
    country."""
    kommuner = set(Kommune.objects.values_list("number", flat=True))
    areas = set(Fylke.objects.values_list("number", flat=True)) | {COUNTRY}
    rows = Observation.objects.filter(indicator_id__in=list(specs.index), disaggregation="",
                                      value__isnull=False).values_list("indicator_id", "place", "year", "value")
    table = pd.DataFrame(list(rows), columns=["indicator", "place", "year", "value"])
    return table[table["place"].isin(kommuner)], table[table["place"].isin(areas)]


def _area_table(kommune_table: pd.DataFrame, published: pd.DataFrame,
                peers: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Values of fylker and the country: the published ones, and the rest made from their kommuner's values."""
    membership = pd.concat([peers[["place", "fylke"]].rename(columns={"fylke": "area"}),
                            peers[["place", "country"]].rename(columns={"country": "area"})])
    population = pd.DataFrame(list(KommunePopulation.objects.values_list("kommune_id", "year", "total")),
                              columns=["place", "year", "population"])
    additive = set(Indicator.objects.filter(aggregation=Indicator.Aggregation.SUM).values_list("id", flat=True))
    made = areas.area_values(kommune_table, membership, population, additive)
    keys = ["place", "indicator", "year"]
    made = made[~made.set_index(keys).index.isin(published.set_index(keys).index)]
    table = pd.concat([published.assign(source="published"), made[[*keys, "value"]].assign(source="made")],
                      ignore_index=True)
    provenance = {"version": areas.VERSION, "min_coverage": areas.MIN_COVERAGE,
                  "published_values": len(published), "made_values": len(made)}
    return table, provenance


def _compute(specs: pd.DataFrame, rules: StatusRules, report: Progress) -> dict[str, Any]:
    report(0, STEPS, "reading observations")
    table, published = _observations(specs)
    results = _methods(table, specs, rules, report)
    results["peers"] = peer_table()  # read once: percentiles, size classes and the areas' kommuner all use it
    results["groups_year"] = int(results["panel"].years.max()) if len(results["panel"].years) else None
    results["groups"] = group_memberships(results["groups_year"]) if results["groups_year"] else None
    area_table, provenance = _area_table(table, published, results["peers"])
    area_table = area_table[area_table["indicator"].isin(results["panel"].indicators)]
    if not area_table.empty:
        results["areas"] = _methods(area_table, specs, rules, null_progress, reference=results)
        results["areas"]["aggregation"] = provenance
        results["areas"]["peers"] = results["peers"]
    return results


def _methods(table: pd.DataFrame, specs: pd.DataFrame, rules: StatusRules, report: Progress,
             reference: dict[str, Any] | None = None) -> dict[str, Any]:
    """Every method on one table of values. With the kommuner's results as ``reference`` (for fylker and the
    country), scores use the kommuner's bounds and anchors and relative colours rank among the kommuner.

    Scores, ratings and distances are kept for every year (trends read them); goal scores, goal colours, goal
    distances and the index are computed from the current ones only (``current_*``: inside the window)."""
    panel = Panel.from_observations(table[["indicator", "place", "year", "value"]])
    if reference is not None:
        panel = tables.aligned(panel, reference["panel"])
    indicator_specs = IndicatorSpecs.from_frame(specs, panel.indicators)
    report(1, STEPS, "SDSN scores, dashboards and trends")
    scores = normalise.normalised_scores(panel, indicator_specs,
                                         bounds_of=None if reference is None else reference["scores"])
    ratings = normalise.dashboard(scores, indicator_specs,
                                  peers=None if reference is None else reference["scores"])
    trends = normalise.trends(scores, indicator_specs)
    population = uncertainty.population_table() if reference is None else reference["population"]
    noisy = uncertainty.assess(table, trends, population)
    current = {name: freshness.current(result, as_of_year=rules.as_of_year, window=rules.window)
               for name, result in (("current_scores", scores), ("current_ratings", ratings))}
    results = {"panel": panel, "specs": indicator_specs, "rules": rules, "scores": scores, "ratings": ratings,
               "trends": trends, **noisy, "population": population, **current,
               "goal_scores": normalise.goal_scores(current["current_scores"], indicator_specs),
               "goal_colours": normalise.goal_dashboard(current["current_ratings"], indicator_specs),
               "goal_trends": normalise.goal_trends(noise.trends_for_goals(trends, noisy["noise"]),
                                                    indicator_specs)}
    results["index"] = normalise.sdg_index(current["current_scores"], results["goal_scores"],
                                           min_goals=rules.min_goals)
    report(2, STEPS, "OECD distance to 2030")
    worst = None if reference is None else tables.anchors(reference["distance"])
    results["distance"] = distance.normalised_distance(panel, indicator_specs, worst=worst)
    results["current_distance"] = freshness.current(results["distance"], as_of_year=rules.as_of_year,
                                                    window=rules.window)
    results["goal_distance"] = distance.goal_distance(results["current_distance"], indicator_specs)
    report(3, STEPS, "Open SDG progress")
    options = pd.DataFrame({"direction": np.where(indicator_specs.higher_is_better, 1, -1)},
                           index=pd.Index(panel.indicators, name="indicator"))
    series = table[["indicator", "place", "year", "value"]].assign(series=table["indicator"])
    results["progress"] = progress.progress_status(series, options.rename_axis("series"), keys=("series", "place"))
    return results


@transaction.atomic
def _store(run: MeasurementRun, results: dict[str, Any], report: Progress, *, kommuner: set[str] | None) -> None:
    parts = [results] if kommuner else [results, *([results["areas"]] if "areas" in results else [])]
    report(4, STEPS, "storing indicator results")
    for part in parts:
        IndicatorResult.objects.bulk_create(_indicator_results(run, part, kommuner), batch_size=BATCH)
    report(5, STEPS, "storing goal and place results")
    for part in parts:
        GoalResult.objects.bulk_create(_goal_results(run, part, kommuner), batch_size=BATCH)
        PlaceResult.objects.bulk_create(_place_results(run, part, kommuner), batch_size=BATCH)
    peer_rows = _peer_percentiles(run, results, kommuner)
    PeerPercentile.objects.bulk_create(peer_rows, batch_size=BATCH)
    methods = {result.method: result.provenance() for result in results.values() if isinstance(result, MethodResult)}
    methods["peer_percentiles"] = _peer_provenance(results)
    methods["similar_kommuner"] = similarity.provenance(results.get("groups"))
    if "areas" in results and not kommuner:
        methods["area_aggregation"] = results["areas"]["aggregation"]
    stored_areas = [] if kommuner or "areas" not in results else list(results["areas"]["panel"].places)
    counts = {"indicators": len(results["panel"].indicators),
              "places": len(kommuner) if kommuner else len(results["panel"].places),
              "fylker": sum(place != COUNTRY for place in stored_areas), "country": int(COUNTRY in stored_areas),
              "peer_percentiles": len(peer_rows)}
    MeasurementRun.objects.filter(id=run.id).update(
        status=MeasurementRun.Status.DONE, finished_at=timezone.now(), methods=_json(methods), counts=counts)
    report(STEPS, STEPS, "done")


def _json(value: Any) -> Any:
    return json.loads(json.dumps(value, default=lambda item: None if item != item else str(item)))


def _indicator_frame(results: dict[str, Any]) -> pd.DataFrame:
    rules: StatusRules = results["rules"]
    return tables.indicator_frame(results["panel"], scores=results["current_scores"],
                                  ratings=results["current_ratings"], distances=results["current_distance"],
                                  as_of_year=rules.as_of_year, window=rules.window)


def _goal_frame(results: dict[str, Any]) -> pd.DataFrame:
    return tables.goal_frame(results["panel"], results["specs"], goal_scores=results["goal_scores"],
                             scores=results["current_scores"], year=results["rules"].as_of_year)


def _indicator_results(run: MeasurementRun, results: dict[str, Any], kommuner: set[str] | None
                       ) -> list[IndicatorResult]:
    frame = tables.percentiles(_indicator_frame(results), results["peers"])
    frame = frame[_kept(frame["place"], kommuner)]
    # Plain dicts: a lookup per row in a MultiIndex Series costs milliseconds, in a dict nanoseconds.
    trend_table = results["noise"].table  # the SDSN trends, each as its noise lets it be shown
    noise_of = uncertainty.stored(results)
    trends = dict(zip(zip(trend_table["place"], trend_table["indicator"], strict=True), trend_table["trend"],
                      strict=True))
    progress_table = results["progress"].table
    progress_keys = list(zip(progress_table["series"], progress_table["place"], strict=True))
    statuses = dict(zip(progress_keys, progress_table["status"], strict=True))
    progress_scores = dict(zip(progress_keys, progress_table["score"], strict=True))
    relative = set(results["ratings"].parameters["relative"])
    colours = normalise.colour_of(frame["rating"].to_numpy(dtype="float64"))
    return [IndicatorResult(
        run=run, indicator_id=row.indicator, place=row.place, year=int(row.year), value=_number(row.value),
        too_old=bool(row.too_old), score=_number(row.score), rating=_number(row.rating), colour=str(colour),
        colour_is_relative=row.indicator in relative, trend=str(trends.get((row.place, row.indicator), "")),
        uncertainty=noise_of.get((row.place, row.indicator), {}),
        progress_status=str(statuses.get((row.indicator, row.place), "")),
        progress_score=_number(progress_scores.get((row.indicator, row.place))),
        distance_score=_number(row.distance), percentile_size=_number(row.percentile_size),
        percentile_fylke=_number(row.percentile_fylke), percentile_country=_number(row.percentile_country),
    ) for row, colour in zip(frame.itertuples(index=False), colours, strict=True)]


def _goal_results(run: MeasurementRun, results: dict[str, Any], kommuner: set[str] | None) -> list[GoalResult]:
    specs: IndicatorSpecs = results["specs"]
    colours = results["goal_colours"].table.set_index(["place", "goal"])["colour"]
    trends = results["goal_trends"].table.set_index(["place", "goal"])["trend"]
    distances = results["goal_distance"].table.set_index(["place", "goal"])["distance"]
    counts = {int(goal): int((specs.goal == goal).sum()) for goal in specs.goals()}
    frame = tables.percentiles(_goal_frame(results), results["peers"])
    frame = frame[_kept(frame["place"], kommuner)].set_index(["place", "indicator"])
    return [GoalResult(
        run=run, goal_id=goal, place=place, score=_number(row.score), colour=str(colours.get((place, goal), "")),
        trend=str(trends.get((place, goal), "")), distance=_number(distances.get((place, goal))),
        indicators=counts[goal], scored_indicators=int(row.scored), percentile_size=_number(row.percentile_size),
        percentile_fylke=_number(row.percentile_fylke), percentile_country=_number(row.percentile_country),
    ) for (place, goal), row in zip(frame.index, frame.itertuples(index=False), strict=True)]


def _place_results(run: MeasurementRun, results: dict[str, Any], kommuner: set[str] | None) -> list[PlaceResult]:
    """Each place's index (None below the rule's number of goals) and how many goals have a current score."""
    year = results["rules"].as_of_year
    index = results["index"].table[year]
    measured = normalise.goals_measured(results["goal_scores"])[year]
    sizes = results["peers"].set_index("place")["size"]
    return [PlaceResult(run=run, place=place, size_class=str(sizes.get(place, "")), index=_number(index[place]),
                        goals_measured=int(measured[place]))
            for place in index.index if kommuner is None or place in kommuner]


def _kept(places: pd.Series, kommuner: set[str] | None) -> pd.Series:
    return places.isin(kommuner) if kommuner else pd.Series(True, index=places.index)


def _number(value: Any) -> float | None:
    if value is None or value is pd.NA:
        return None
    number = float(value)
    return None if np.isnan(number) else number


def _peer_percentiles(run: MeasurementRun, results: dict[str, Any], kommuner: set[str] | None
                      ) -> list[PeerPercentile]:
    """Each kommune's percentile per indicator and goal in each of its networks and its KOSTRA group."""
    groups = results.get("groups")
    if groups is None or groups.empty:
        return []
    rows: list[PeerPercentile] = []
    for frame, field in ((_indicator_frame(results), "indicator_id"), (_goal_frame(results), "goal_id")):
        ranked = peer_method.group_percentiles(frame.rename(columns={"indicator": "key"}), groups)
        ranked = ranked[_kept(ranked["place"], kommuner)]
        rows += [PeerPercentile(run=run, place=row.place, group_kind=row.kind, group_code=row.code,
                                group_name=row.name, percentile=float(row.percentile),
                                group_size=int(row.group_size), **{field: row.key})
                 for row in ranked.itertuples(index=False)]
    return rows


def _peer_provenance(results: dict[str, Any]) -> dict[str, Any]:
    """How the network and KOSTRA percentiles were made: the year of the groups, and which groups there were."""
    groups = results.get("groups")
    codes = {} if groups is None else {kind: sorted(set(part["code"])) for kind, part in groups.groupby("kind")}
    return {"version": peer_method.VERSION,
            "parameters": {"groups_year": results.get("groups_year"), "statistic": "percentile rank (max) of "
                           "the latest normalised score", "networks": codes.get("network", []),
                           "kostra_groups": codes.get("kostra", [])}}
