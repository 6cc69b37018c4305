"""Named reads for the measurement pages: peer medians, a kommune's indicator page, comparisons, the national
overview. These read stored observations and stored results; they never score anything."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from django.db.models import Count

from lokalagenda.core.errors import InvalidCode, LokalagendaError
from lokalagenda.core.geography import KommuneNumber
from lokalagenda.framework.models import Goal
from lokalagenda.indicators.models import Indicator, Observation
from lokalagenda.measurement import colour_meaning
from lokalagenda.measurement.models import (
    Colour,
    GoalResult,
    IndicatorResult,
    MeasurementRun,
    PeerPercentile,
    PlaceResult,
)
from lokalagenda.measurement.peers import peer_table
from lokalagenda.measurement.querysets import latest_run, latest_run_for, peer_percentiles
from lokalagenda.places.kostra import kostra_groups_as_of
from lokalagenda.places.models import Kommune
from lokalagenda.places.place import PlaceKind, kind_of

#: Peer groups whose yearly median is shown next to a kommune, in the order the page shows them.
PEER_GROUPS = ("size", "fylke", "country")
#: The colours of the dashboard, best first, as the national overview counts them ("" = no colour).
COLOUR_ORDER = (*Colour.values, "")
#: The most kommuner one comparison shows side by side (one is a start: the page offers to add others).
MAX_COMPARED = 5
#: The fewest kommuner the API compares: it answers only a finished comparison, while the page opens with one
#: kommune and offers to add others (so the page takes 1 to ``MAX_COMPARED``, the API 2 to ``MAX_COMPARED``).
MIN_COMPARED_BY_API = 2
HISTOGRAM_BINS = 12


class ComparisonError(LokalagendaError):
    """A comparison asked for too many or unknown kommuner; ``reason`` says which."""

    def __init__(self, reason: str, numbers: list[str] | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.numbers = numbers or []


def _kommune_values(indicator_id: str) -> pd.DataFrame:
    """Total values of every kommune (not the fylker, nor the country's "0") for one indicator: place, year,
    value."""
    rows = (Observation.objects.for_indicator(indicator_id).totals().exclude(value=None)
            .values_list("place", "year", "value"))
    frame = pd.DataFrame(list(rows), columns=["place", "year", "value"])
    kinds = {code: kind_of(code) for code in frame["place"].unique()}  # once per place, not per row
    return frame[frame["place"].map(kinds) == PlaceKind.KOMMUNE]


def peer_series(indicator_id: str, place: str, *, kostra: KostraPeers | None = None,
                similar: SimilarPeers | None = None) -> pd.DataFrame:
    """Per year: the kommune's value and the median of its size class, its fylke and the country.

    Columns ``year``, ``kommune``, ``size``, ``fylke``, ``country`` (NaN where there is no value); one row per
    year in which any kommune has a value, oldest first. With ``kostra`` (the kommune's KOSTRA group), a column
    ``kostra`` holds the median of that group's kommuner (today's kommuner, like every median here). With
    ``similar`` (the kommuner a run found most like it), a column ``similar`` holds their median, the kommune
    itself left out: the line it is read against is its own.
    """
    values = _kommune_values(indicator_id).merge(peer_table(), on="place", how="inner")
    columns = ["year", "kommune", *PEER_GROUPS, *(["kostra"] if kostra else []), *(["similar"] if similar else [])]
    own = values[values["place"] == place]
    if values.empty or own.empty:
        return pd.DataFrame(columns=columns)
    result = pd.DataFrame({"year": sorted(values["year"].unique())}).set_index("year")
    result["kommune"] = own.set_index("year")["value"]
    for group in PEER_GROUPS:
        mine = own[group].iloc[0]
        result[group] = values[values[group] == mine].groupby("year")["value"].median()
    if kostra is not None:
        result["kostra"] = values[values["place"].isin(kostra.members)].groupby("year")["value"].median()
    if similar is not None:
        result["similar"] = values[values["place"].isin(similar.members)].groupby("year")["value"].median()
    return result.reset_index()[columns]


@dataclass(frozen=True)
class KostraPeers:
    """The KOSTRA group a run compared a kommune within: code and name as at the run, and its kommuner then."""

    code: str
    name: str
    members: frozenset[str]


def _kostra_peers(place: str, run: MeasurementRun | None) -> KostraPeers | None:
    """The KOSTRA group the run compared the kommune within, with the group's kommuner in the run's group year
    (None: no group, or no run)."""
    if run is None:
        return None
    group = (PeerPercentile.objects.filter(run=run, place=place, group_kind=PeerPercentile.Kind.KOSTRA)
             .values_list("group_code", "group_name").first())
    year = run.methods.get("peer_percentiles", {}).get("parameters", {}).get("groups_year")
    if group is None or year is None:
        return None
    members = frozenset(kommune for kommune, membership in kostra_groups_as_of(int(year)).items()
                        if membership.group_id == group[0])
    return KostraPeers(group[0], group[1], members)


@dataclass(frozen=True)
class SimilarPeers:
    """The kommuner a run found most like a kommune, nearest first, as the run stored them with the kommune's
    percentiles among them (the kommune itself not included)."""

    members: tuple[str, ...]


def _similar_peers(place: str, run: MeasurementRun | None) -> SimilarPeers | None:
    """The kommune's most similar kommuner in the run: the group the run ranked it in, never one computed now
    (None: no run, or the run gave the kommune no such group)."""
    if run is None:
        return None
    stored = (PeerPercentile.objects.filter(run=run, place=place, group_kind=PeerPercentile.Kind.SIMILAR,
                                            group_code=place).values_list("group_name", flat=True).first())
    members = tuple(number for number in (stored or "").split() if number != place)
    return SimilarPeers(members) if members else None


def histogram(values: list[float], bins: int = HISTOGRAM_BINS) -> list[dict[str, float]]:
    """Equal-width bins of ``values``: start, end and count of each (the chart and its table use the same)."""
    if not values:
        return []
    counts, edges = np.histogram(np.asarray(values, dtype=float), bins=bins)
    return [{"start": float(edges[i]), "end": float(edges[i + 1]), "count": int(counts[i])}
            for i in range(len(counts))]


@dataclass
class KommuneIndicator:
    """What the kommune-indicator page shows; ``result`` is None when no run has stored one."""

    kommune: Kommune
    indicator: Indicator
    run: MeasurementRun | None
    result: IndicatorResult | None
    place_result: PlaceResult | None
    series: pd.DataFrame
    observations: list[Observation]
    latest_year: int | None
    latest: list[tuple[str, str, float | None, Any]] = field(default_factory=list)
    bins: list[dict[str, float]] = field(default_factory=list)
    #: The kommune's percentiles in its KOSTRA group and networks, as stored by the run.
    peer_positions: list[PeerPercentile] = field(default_factory=list)
    #: The KOSTRA group of those percentiles, whose median the series shows (None: no group).
    kostra_group: KostraPeers | None = None
    #: The kommune's most similar kommuner in the run, whose median the series shows (None: no such group).
    similar_group: SimilarPeers | None = None


def kommune_indicator(kommune: Kommune, indicator: Indicator) -> KommuneIndicator:
    """The stored result, the peer series, the kommune's own observations with their revisions, and every
    kommune's value in the latest year (with its boundary) for the map and the distribution."""
    run = latest_run_for(kommune.number)
    result = place_result = None
    positions: list[PeerPercentile] = []
    if run is not None:
        result = IndicatorResult.objects.filter(run=run, place=kommune.number, indicator=indicator).first()
        place_result = PlaceResult.objects.filter(run=run, place=kommune.number).first()
        positions = peer_percentiles(run, places=[kommune.number], indicator_id=indicator.id).get(
            (kommune.number, indicator.id), [])
    observations = list(Observation.objects.for_indicator(indicator.id).for_place(kommune.number).totals()
                        .select_related("revision").order_by("year"))
    kostra, similar = _kostra_peers(kommune.number, run), _similar_peers(kommune.number, run)
    values = _kommune_values(indicator.id)
    latest_year = int(values["year"].max()) if not values.empty else None
    in_year = dict(values[values["year"] == latest_year][["place", "value"]].itertuples(index=False))
    latest = [(number, name, in_year.get(number), None)  # the map reads its shapes from the boundary file
              for number, name in Kommune.objects.values_list("number", "name")]
    return KommuneIndicator(
        kommune=kommune, indicator=indicator, run=run, result=result, place_result=place_result,
        series=peer_series(indicator.id, kommune.number, kostra=kostra, similar=similar),
        observations=observations, latest_year=latest_year, latest=latest, bins=histogram(list(in_year.values())),
        peer_positions=positions, kostra_group=kostra, similar_group=similar,
    )


def is_kommunenummer(text: str) -> bool:
    """Whether ``text`` is a well-formed kommunenummer (four digits); only such text is looked up."""
    try:
        KommuneNumber(text)
    except InvalidCode:
        return False
    return True


def parse_comparison(numbers: list[str]) -> list[Kommune]:
    """The kommuner to compare, in the order given (duplicates and empty values dropped; none gives an empty
    list, one is fine); raises ComparisonError for more than ``MAX_COMPARED`` or an unknown number."""
    wanted = list(dict.fromkeys(number.strip() for number in numbers if number.strip()))
    if len(wanted) > MAX_COMPARED:
        raise ComparisonError("too_many")
    # Only well-formed numbers reach the database (PostgreSQL refuses text with a NUL character).
    found = Kommune.objects.in_bulk([number for number in wanted if is_kommunenummer(number)])
    unknown = [number for number in wanted if number not in found]
    if unknown:
        raise ComparisonError("unknown", unknown)
    return [found[number] for number in wanted]


def comparison(kommuner: list[Kommune]) -> dict[str, Any]:
    """Stored goal results and indicator results of the latest run, side by side: one row per goal and per
    indicator, each with one cell (a result or None) per kommune in the order given."""
    run = latest_run()
    numbers = [kommune.number for kommune in kommuner]
    if run is None:
        return {"run": None, "goals": [], "indicators": []}
    goal_results = {(r.goal_id, r.place): r for r in GoalResult.objects.filter(run=run, place__in=numbers)}
    colour_meaning.prefetch_comparisons(goal_results.values())  # one query, not one a coloured cell
    goals = [(goal, [goal_results.get((goal.number, n)) for n in numbers]) for goal in Goal.objects.all()]
    indicator_results = {(r.indicator_id, r.place): r for r in
                         IndicatorResult.objects.filter(run=run, place__in=numbers).select_related("indicator")}
    indicators = sorted({r.indicator for r in (v for v in indicator_results.values())}, key=lambda i: i.id)
    rows = [(indicator, [indicator_results.get((indicator.id, n)) for n in numbers]) for indicator in indicators]
    return {"run": run, "goals": goals, "indicators": rows}


@dataclass
class NationalOverview:
    """Per goal the count of kommuner by colour; and the kommuner with the chosen goal's colour for the map."""

    run: MeasurementRun | None
    rows: list[tuple[Goal, list[int], int]]
    goal: Goal | None
    places: list[tuple[str, str, str, Any]]


def _colour_counts(run: MeasurementRun) -> dict[int, dict[str, int]]:
    counts: dict[int, dict[str, int]] = {}
    rows = (GoalResult.objects.filter(run=run, place__regex=r"^[0-9]{4}$").values("goal", "colour")
            .annotate(n=Count("id")))
    for row in rows:
        counts.setdefault(row["goal"], {})[row["colour"] if row["colour"] in COLOUR_ORDER else ""] = row["n"]
    return counts


def national_overview(goal_number: int | None) -> NationalOverview:
    """The latest run's colour distribution per goal (kommuner only) and the colours of one goal for its map:
    ``goal_number`` when it has results, else the first goal with results."""
    run = latest_run()
    if run is None:
        return NationalOverview(run=None, rows=[], goal=None, places=[])
    counts = _colour_counts(run)
    goals = [goal for goal in Goal.objects.all() if goal.number in counts]
    rows = [(goal, [counts[goal.number].get(c, 0) for c in COLOUR_ORDER], sum(counts[goal.number].values()))
            for goal in goals]
    chosen = next((g for g in goals if g.number == goal_number), goals[0] if goals else None)
    places: list[tuple[str, str, str, Any]] = []
    if chosen is not None:
        colours = dict(GoalResult.objects.filter(run=run, goal=chosen).values_list("place", "colour"))
        places = [(number, name, colours.get(number, ""), None)  # the map reads its shapes from the boundary file
                  for number, name in Kommune.objects.values_list("number", "name")]
    return NationalOverview(run=run, rows=rows, goal=chosen, places=places)
