"""Named reads of stored measurement results (pages and the API read these, never the methods)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from lokalagenda.indicators.models import Indicator, Observation
from lokalagenda.indicators.set_membership import CORE_SET
from lokalagenda.measurement import colour_meaning
from lokalagenda.measurement.charts import sparkline_points
from lokalagenda.measurement.gaps import GoalGap, goal_gaps
from lokalagenda.measurement.models import GoalResult, IndicatorResult, MeasurementRun, PeerPercentile, PlaceResult


def finished_runs() -> QuerySet[MeasurementRun]:
    """Every finished run, newest first: a failed or running run is read by no page, report or API answer."""
    return MeasurementRun.objects.filter(status=MeasurementRun.Status.DONE)


def finished_run(run_id: int) -> MeasurementRun | None:
    """The finished run ``run_id`` that a caller (``--run``, ``?run=``) named, else None; the caller says why in
    its own words (a 404, a report error)."""
    return finished_runs().filter(pk=run_id).first()


def holds(run: MeasurementRun, place: str) -> bool:
    """Whether ``run`` stored results for ``place``: a complete run holds every place, a run narrowed to kommuner
    only those (``MeasurementRun.kommuner`` is " 0301 4601 ")."""
    return run.complete or f" {place} " in run.kommuner


def latest_run() -> MeasurementRun | None:
    """The last finished complete run: what national pages and comparisons read."""
    return finished_runs().filter(complete=True).first()


def latest_run_for(place: str) -> MeasurementRun | None:
    """The last finished run that holds ``place``: a complete one, or a later one narrowed to it."""
    return finished_runs().filter(Q(complete=True) | Q(kommuner__contains=f" {place} ")).first()


def latest_runs_for(base: MeasurementRun, numbers: Iterable[str]) -> dict[str, MeasurementRun]:
    """``latest_run_for`` of many kommuner in one read: per kommune a later finished run narrowed to it, else
    ``base``, the last complete run (what each kommune's dashboard reads; the roll-up counts these)."""
    wanted = set(numbers)
    chosen = _narrowed_runs(wanted, base)
    return {number: chosen.get(number, base) for number in wanted}


def _narrowed_runs(wanted: set[str], base: MeasurementRun | None) -> dict[str, MeasurementRun]:
    """Per place of ``wanted``, the newest finished run narrowed to it that is later than ``base`` (every such
    run when ``base`` is None)."""
    chosen: dict[str, MeasurementRun] = {}
    for run in finished_runs():
        if base is not None and run.pk == base.pk:
            break
        for number in run.kommuner.split():
            if number in wanted:
                chosen.setdefault(number, run)
    return chosen


def goal_results_of(numbers: Iterable[str], goals: Iterable[int] | None = None
                    ) -> dict[tuple[str, int], GoalResult]:
    """The stored goal results of many kommuner by (kommunenummer, goal), each from the run its dashboard reads
    (``latest_run_for`` of each, read at once); a kommune no run holds has none. ``goals`` limits them to those
    goals (all 17 when None)."""
    wanted = set(numbers)
    base = latest_run()
    runs = latest_runs_for(base, wanted) if base is not None else _narrowed_runs(wanted, None)
    return goal_results_in(runs, goals)


def goal_results_in(runs: dict[str, MeasurementRun], goals: Iterable[int] | None = None
                    ) -> dict[tuple[str, int], GoalResult]:
    """The goal results each place's run (``runs``: place → run) stored for it, by (place, goal), one query per
    run, of ``goals`` only when given; each knows what its colour compares
    (:func:`colour_meaning.prefetch_comparisons`, once per run)."""
    by_run: dict[int, list[str]] = {}
    for number, run in runs.items():
        by_run.setdefault(run.pk, []).append(number)
    chosen = GoalResult.objects.all() if goals is None else GoalResult.objects.filter(goal_id__in=list(goals))
    found: dict[tuple[str, int], GoalResult] = {}
    for run_id, places in by_run.items():
        for result in chosen.filter(run_id=run_id, place__in=places):
            found[(result.place, result.goal_id)] = result
    colour_meaning.prefetch_comparisons(found.values())
    return found


@dataclass(frozen=True)
class StoredGoal:
    """A stored goal result with the place's percentiles among its networks and KOSTRA group."""

    result: GoalResult
    peer_positions: list[PeerPercentile]


@dataclass(frozen=True)
class StoredIndicator:
    """A stored indicator result with the place's peer percentiles and its stored values over time: the
    sparkline's points and the first and last year (None without values)."""

    result: IndicatorResult
    peer_positions: list[PeerPercentile]
    sparkline: str
    series_span: tuple[int, int] | None


@dataclass(frozen=True)
class Dashboard:
    """A place's goals (by number), indicators (core set first) and index from one run."""

    run: MeasurementRun
    goals: dict[int, StoredGoal]
    indicators: list[StoredIndicator]
    place: PlaceResult | None

    def gaps(self) -> list[GoalGap]:
        """The goals without data and what would measure them; a method, so only the pages that show it (the
        templates call it) read the fetch specs."""
        return goal_gaps({number: goal.result for number, goal in self.goals.items()},
                         [indicator.result for indicator in self.indicators])


@dataclass(frozen=True)
class GoalPage:
    """A kommune's stored result for one goal (None: the run has none) and its indicators' results."""

    run: MeasurementRun
    goal_result: StoredGoal | None
    indicators: list[IndicatorResult]
    place_result: PlaceResult | None


def dashboard_for(place: str) -> Dashboard | None:
    """A kommune's (or fylke's) goals, indicators and index from the last finished run that holds it, or None
    before the first run."""
    run = latest_run_for(place)
    return None if run is None else dashboard_in(run, place)


def dashboard_in(run: MeasurementRun, place: str) -> Dashboard:
    """A kommune's (or fylke's) goals, indicators and index from ``run`` (a report's chosen run)."""
    indicators = list(core_set_first(IndicatorResult.objects.filter(run=run, place=place)
                                     .select_related("indicator")))
    series = series_for_place(place, [result.indicator_id for result in indicators])
    positions = peer_percentiles(run, places=[place])
    goals = {result.goal_id: StoredGoal(result, positions.get(_subject(result), []))
             for result in GoalResult.objects.filter(run=run, place=place)}
    colour_meaning.prefetch_comparisons(stored.result for stored in goals.values())  # one query, not one a goal
    return Dashboard(run=run, goals=goals, indicators=[
        _stored_indicator(result, series.get(result.indicator_id, []), positions) for result in indicators],
        place=PlaceResult.objects.filter(run=run, place=place).first())


def _stored_indicator(result: IndicatorResult, values: list[tuple[int, float]],
                      positions: dict[PeerKey, list[PeerPercentile]]) -> StoredIndicator:
    return StoredIndicator(result, positions.get(_subject(result), []), sparkline_points(values),
                           (values[0][0], values[-1][0]) if values else None)


def core_set_first(results: QuerySet[IndicatorResult]) -> QuerySet[IndicatorResult]:
    """Indicator results with the core set's indicators first, then by indicator; each is marked
    ``in_core_set``. Dashboards and reports read the core set first, and the rest after it."""
    members = Indicator.sets.through.objects.filter(indicator_id=OuterRef("indicator_id"),
                                                    indicatorset__slug=CORE_SET[0])
    return results.annotate(in_core_set=Exists(members)).order_by("-in_core_set", "indicator__id")


def series_for_place(place: str, indicator_ids: list[str]) -> dict[str, list[tuple[int, float]]]:
    """The stored total values of each indicator for one place, by year (for sparklines)."""
    series: dict[str, list[tuple[int, float]]] = {}
    rows = Observation.objects.filter(place=place, indicator_id__in=indicator_ids, disaggregation="",
                                      value__isnull=False).order_by("indicator_id", "year")
    for indicator_id, year, value in rows.values_list("indicator_id", "year", "value"):
        series.setdefault(indicator_id, []).append((year, value))
    return series


def goal_for(place: str, goal_number: int) -> GoalPage | None:
    """A kommune's or fylke's stored result for one goal and its indicators' results, from the last run that
    holds it."""
    run = latest_run_for(place)
    if run is None:
        return None
    goal_result = GoalResult.objects.filter(run=run, place=place, goal_id=goal_number).first()
    indicators = [result for result in core_set_first(IndicatorResult.objects.filter(run=run, place=place)
                  .select_related("indicator").prefetch_related("indicator__targets"))
                  if min((t.goal_id for t in result.indicator.targets.all()), default=None) == goal_number]
    positions = peer_percentiles(run, places=[place], goal=goal_number)
    stored = StoredGoal(goal_result, positions.get(_subject(goal_result), [])) if goal_result else None
    return GoalPage(run=run, goal_result=stored, indicators=indicators,
                    place_result=PlaceResult.objects.filter(run=run, place=place).first())


PeerKey = tuple[str, str | int]


def _subject(result: IndicatorResult | GoalResult) -> PeerKey:
    """The key of :func:`peer_percentiles` for a stored indicator or goal result."""
    if isinstance(result, GoalResult):
        return (result.place, result.goal_id)
    return (result.place, result.indicator_id)


def peer_percentiles(run: MeasurementRun, *, places: list[str] | None = None, indicator_id: str | None = None,
                     goal: int | None = None) -> dict[PeerKey, list[PeerPercentile]]:
    """A run's percentiles among networks and KOSTRA groups, by (place, indicator id or goal number), each list
    with the KOSTRA group first and then the networks by name; narrowed to places, one indicator or one goal."""
    rows = PeerPercentile.objects.filter(run=run)
    if places is not None:
        rows = rows.filter(place__in=places)
    if indicator_id is not None:
        rows = rows.filter(indicator_id=indicator_id)
    if goal is not None:
        rows = rows.filter(goal_id=goal)
    found: dict[PeerKey, list[PeerPercentile]] = {}
    for row in rows.order_by("place", "group_kind", "group_name"):
        key: PeerKey = (row.place, row.indicator_id if row.indicator_id is not None else row.goal_id)
        found.setdefault(key, []).append(row)
    return found


def peer_groups_of(run: MeasurementRun, place: str) -> list[tuple[str, str, str]]:
    """The networks and KOSTRA group a kommune was compared within in ``run``: (kind, code, name), KOSTRA first."""
    rows = (PeerPercentile.objects.filter(run=run, place=place).order_by("group_kind", "group_name")
            .values_list("group_kind", "group_code", "group_name").distinct())
    return list(rows)
