"""How many of the 17 goals each kommune has measured: the data coverage the front page maps.

A goal is measured for a kommune when the run its dashboard reads (:func:`~lokalagenda.measurement.querysets.
latest_runs_for`) stored a goal score for it, i.e. at least one of the goal's indicators had a current value
(``PlaceResult.goals_measured``, the count the SDG index rule reads as well). The kommuner are put in bands
whose words say what the count can carry: none, bands of three goals, enough for an SDG index (the run's own
``min_goals`` of the ``sdsn_index`` method, ``core.measure.normalise.MIN_GOALS`` by default), all 17. Read from
stored results only.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.translation import gettext

from lokalagenda.core.measure import normalise
from lokalagenda.measurement import charts
from lokalagenda.measurement.models import MeasurementRun, PlaceResult
from lokalagenda.measurement.querysets import latest_run, latest_runs_for
from lokalagenda.places.models import Kommune

#: The goals a kommune can measure.
GOALS = normalise.GOAL_COUNT
#: The fewest goals an SDG index needs when a run does not say (``sdsn_index``'s ``min_goals``).
DEFAULT_MIN_GOALS = normalise.MIN_GOALS
#: How many goals each band below the index rule spans.
BAND_WIDTH = 3
#: Fill of a kommune without a measured goal: a neutral grey, unlike any blue of the bands.
NO_GOAL_FILL = "#A8A8A8"
#: Fills of the bands with measured goals, fewest first: ColorBrewer's sequential "Blues" (colour-blind safe,
#: https://colorbrewer2.org/#type=sequential&scheme=Blues&n=9) from its third shade, a step skipped after the
#: first so that the bands most kommuner are in today differ clearly; never read as a dashboard colour.
BAND_FILLS = ("#C6DBEF", "#6BAED6", "#4292C6", "#2171B5", "#08519C", "#08306B")


@dataclass(frozen=True)
class CoverageBand:
    """Kommuner that measured from ``low`` to ``high`` goals (both included), with the band's words and fill."""

    key: str
    low: int
    high: int
    fill: str

    @property
    def words(self) -> str:
        """What the band says, in the active language."""
        if self.high == 0:
            return gettext("no goal measured")
        if self.low == GOALS:
            return gettext("all 17 goals measured")
        if self.low == self.high:
            return gettext("{count} of 17 goals measured").format(count=self.low)
        if self.key == "index":
            return gettext("{low}–{high} of 17 goals measured: enough for an SDG index").format(
                low=self.low, high=self.high)
        return gettext("{low}–{high} of 17 goals measured").format(low=self.low, high=self.high)


def coverage_bands(min_goals: int = DEFAULT_MIN_GOALS) -> tuple[CoverageBand, ...]:
    """The bands, fewest goals first: none; bands of :data:`BAND_WIDTH` goals below the index rule (1–3, 4–6, 7–9,
    10–13 for 14: the last takes the rest); enough for an index (14–16); all 17. Each band with goals gets a
    darker blue than the one before."""
    spans = [(low, min(low + BAND_WIDTH - 1, min_goals - 1)) for low in range(1, min_goals, BAND_WIDTH)]
    if len(spans) > 1 and spans[-1][1] - spans[-1][0] < BAND_WIDTH - 1:
        spans[-2:] = [(spans[-2][0], spans[-1][1])]
    keys = [f"below-{low}" for low, _high in spans] + ["index", "all"]
    spans += [(min_goals, GOALS - 1), (GOALS, GOALS)]
    last = len(BAND_FILLS) - 1
    fills = [BAND_FILLS[round(position * last / (len(spans) - 1))] for position in range(len(spans))]
    return (CoverageBand("none", 0, 0, NO_GOAL_FILL),
            *(CoverageBand(key, low, high, fill) for key, (low, high), fill in zip(keys, spans, fills, strict=True)))


@dataclass(frozen=True)
class KommuneCoverage:
    number: str
    name: str
    measured: int
    band: CoverageBand


@dataclass(frozen=True)
class GoalCoverage:
    """Every kommune's count of measured goals (by kommunenummer), from the run each kommune's dashboard reads;
    ``run`` is the last complete run (None before the first)."""

    run: MeasurementRun | None
    bands: tuple[CoverageBand, ...]
    kommuner: list[KommuneCoverage]

    @property
    def finished_at(self) -> datetime | None:
        return self.run.finished_at if self.run is not None else None

    def counts(self) -> list[tuple[CoverageBand, int]]:
        """How many kommuner are in each band, fewest goals first."""
        found = Counter(row.band.key for row in self.kommuner)
        return [(band, found.get(band.key, 0)) for band in self.bands]

    def with_index(self) -> int:
        """How many kommuner measured enough goals for an SDG index."""
        return sum(1 for row in self.kommuner if row.band.key in ("index", "all"))


def min_goals_of(run: MeasurementRun | None) -> int:
    """The fewest goals the run's SDG index needed (its stored ``sdsn_index`` parameters)."""
    parameters = ((run.methods or {}).get("sdsn_index") or {}).get("parameters") or {} if run else {}
    return int(parameters.get("min_goals", DEFAULT_MIN_GOALS))


def band_of(measured: int, bands: tuple[CoverageBand, ...]) -> CoverageBand:
    return next(band for band in bands if band.low <= measured <= band.high)


def goal_coverage() -> GoalCoverage:
    """How many goals each kommune has measured in the run its dashboard reads (0 before any run)."""
    base = latest_run()
    kommuner = list(Kommune.objects.order_by("number").values_list("number", "name"))
    bands = coverage_bands(min_goals_of(base))
    measured: dict[str, int] = {}
    if base is not None:
        runs = latest_runs_for(base, [number for number, _name in kommuner])
        by_run: dict[int, list[str]] = {}
        for number, run in runs.items():
            by_run.setdefault(run.pk, []).append(number)
        for run_id, numbers in by_run.items():
            measured.update(PlaceResult.objects.filter(run_id=run_id, place__in=numbers)
                            .values_list("place", "goals_measured"))
    rows = [KommuneCoverage(number, name, measured.get(number, 0), band_of(measured.get(number, 0), bands))
            for number, name in kommuner]
    return GoalCoverage(run=base, bands=bands, kommuner=rows)


def coverage_map(coverage: GoalCoverage) -> dict[str, Any]:
    """The map of every kommune by its band, with titles and text alternative in the active language."""
    return charts.band_map(
        [(row.number, row.name, row.band.words, row.measured) for row in coverage.kommuner],
        bands=[(band.words, band.fill) for band in coverage.bands], band_label=gettext("Goals measured"),
        name_label=gettext("Kommune"), count_label=gettext("Goals measured (of 17)"),
        description=gettext("Map: every kommune shaded by how many of the 17 goals it has measured; {count} of "
                            "{total} kommuner measured enough goals for an SDG index.").format(
            count=coverage.with_index(), total=len(coverage.kommuner)))
