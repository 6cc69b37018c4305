"""The national roll-up for the action plan: what all kommuner's stored dashboards and published plans add up to.

Read from stored data only: the goal results of the last run that holds each kommune (the last complete run,
or a later run narrowed to that kommune — exactly what its dashboard shows, so every count here equals the sum
over the kommune dashboards), the published plans of kommuner (``plans.coverage``) and the targets' local
relevance (``framework.relevance``). :func:`build_rollup` returns plain typed data; ``rollup_tables`` turns it
into the tables of the downloads.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from lokalagenda.core.errors import LokalagendaError
from lokalagenda.core.progress import Progress, null_progress
from lokalagenda.framework.models import Goal, RelevanceLevel, Target
from lokalagenda.indicators.models import Indicator
from lokalagenda.measurement import colour_meaning
from lokalagenda.measurement.colour_meaning import Comparison
from lokalagenda.measurement.labels import COLOURS, LICENCE_OF_RESULTS
from lokalagenda.measurement.models import Colour, GoalResult, GoalStatus, MeasurementRun, PlaceResult
from lokalagenda.measurement.peers import peer_table
from lokalagenda.measurement.querysets import goal_results_in, latest_run, latest_runs_for
from lokalagenda.places.models import Kommune
from lokalagenda.plans.coverage import national_counts, relevance_levels
from lokalagenda.plans.models import Plan
from lokalagenda.reports.rollup.coverage import covering_kommuner
from lokalagenda.reports.rollup.groups import KommuneFacts, PeerGroup, breakdowns
from lokalagenda.reports.rollup.materiality import MaterialityRollup, build_materiality
from lokalagenda.ui.language import active_language

#: The status of a kommune for a goal as its dashboard shows it: a dashboard colour, a result without a colour
#: ("no status") or no result at all ("no data"), best first.
STATUSES = tuple(GoalStatus.values)


def status_words_for(kind: Comparison) -> dict[str, str]:
    """Each status's words in the active language, as what the goal colours compare (``kind``, from
    :mod:`lokalagenda.measurement.colour_meaning`) names them: "green: best quarter of the kommuner" for colours
    relative to the other kommuner, "green: target reached" for colours against the 2030 target, the colour's
    name alone for a mix (each kommune's row says which). Colours of a run without rated indicators compare
    nothing known and keep the dashboard's words. The page, its chart data and the files all say these."""
    if kind is Comparison.NONE:
        colours = {colour.value: str(words) for colour, (_symbol, words) in COLOURS.items()}
    else:
        colours = {colour.value: colour_meaning.colour_words(colour.value, kind) for colour in Colour}
    return colours | {status.value: str(status.label) for status in (GoalStatus.NO_STATUS, GoalStatus.NO_DATA)}
#: Local relevance levels, strongest first: among targets equally little addressed, the most relevant come first.
RELEVANCE_ORDER = ("high", "medium", "low")
LICENCE = LICENCE_OF_RESULTS
SOURCES = (
    _("Goal results: Lokalagenda measurement run (methods and versions listed), from the indicator data of the "
      "publishers listed"),
    _("Plans, local goals, actions and indicator links: published plans that kommuner registered in Lokalagenda"),
    _("Local relevance of the targets: Lokalagenda's relevance register for kommuner"),
    _("Kommuner, fylker and population (size classes): Statistisk sentralbyrå (SSB), CC BY 4.0"),
    _("Boundaries: © Kartverket, CC BY 4.0"),
    _("SDG goal and target texts: Open SDG translations (MIT)"),
)


class NoCompleteRun(LokalagendaError):
    """The roll-up needs a complete measurement run and there is none yet."""

    def __init__(self) -> None:
        super().__init__("No complete measurement run exists yet: run `lokalagenda measure` first.")


@dataclass(frozen=True)
class Metadata:
    run_id: int
    run_finished_at: datetime | None
    #: Later runs narrowed to some kommuner, whose results those kommuners' dashboards (and so the roll-up) show.
    narrowed_runs: list[int]
    methods: dict[str, str]
    data_fingerprint: str
    data_revisions: int
    generated_at: datetime
    language: str
    kommuner: int
    published_plans: int
    publishers: list[str]
    licence: str
    sources: list[str]
    #: What the goal colours counted compare (``relative``, ``absolute``, ``mixed``; ``none``: not known).
    comparison: str = Comparison.NONE.value


@dataclass(frozen=True)
class TargetRow:
    """One target across the kommuner: kommuner whose published plans link it, kommuner measuring it with a
    key-result indicator, kommuner doing either, and their share of all kommuner."""

    code: str
    goal: int
    title: str
    relevance: str
    linked: int
    indicators: int
    covering: int
    share: float

    @property
    def relevance_label(self) -> str:
        """The relevance level in the active language ("" when the target is not locally relevant)."""
        return str(RelevanceLevel(self.relevance).label) if self.relevance else ""

    @property
    def share_percent(self) -> float:
        return 100 * self.share


@dataclass(frozen=True)
class StatusRow:
    """How many kommuner of a group have each status for one goal, and their mean goal score."""

    breakdown: str
    group: str
    group_name: str
    goal: int
    goal_name: str
    counts: dict[str, int]
    kommuner: int
    mean_score: float | None
    #: What the colours counted compare (``relative``, ``absolute``, ``mixed``; "" when none is coloured).
    comparison: str = ""

    @property
    def ordered_counts(self) -> list[int]:
        """The counts in the order of ``STATUSES`` (for tables)."""
        return [self.counts[status] for status in STATUSES]


@dataclass(frozen=True)
class KommuneStatus:
    """One kommune's stored result for one goal, as its dashboard shows it."""

    kommune: str
    name: str
    fylke: str
    size_class: str
    goal: int
    status: str
    score: float | None
    run: int | None
    #: What the colour compares (``relative``, ``absolute`` or ``mixed``); "" without a colour.
    comparison: str = ""


@dataclass(frozen=True)
class Rollup:
    metadata: Metadata
    targets: list[TargetRow]
    goals: list[StatusRow]
    breakdowns: dict[str, list[StatusRow]]
    breakdown_labels: dict[str, str]
    least_addressed: list[TargetRow]
    kommuner: list[KommuneStatus] = field(default_factory=list)
    #: The published materiality assessments and the decisions adopting SDG priorities (``rollup.materiality``).
    materiality: MaterialityRollup | None = None

    def statuses_for_goal(self, goal: int) -> list[KommuneStatus]:
        return [row for row in self.kommuner if row.goal == goal]


def _status(result: GoalResult | None) -> str:
    if result is None:
        return GoalStatus.NO_DATA.value
    return result.colour if result.colour in COLOURS else GoalStatus.NO_STATUS.value


def _stored_results(runs: dict[str, MeasurementRun]) -> tuple[dict[tuple[str, int], GoalResult], dict[str, str]]:
    """The goal results and size classes each kommune's run stored for it, each goal result knowing what its
    colour compares (read once per run, :func:`colour_meaning.prefetch_comparisons`)."""
    by_run: dict[int, list[str]] = {}
    for number, run in runs.items():
        by_run.setdefault(run.pk, []).append(number)
    sizes: dict[str, str] = {}
    for run_id, numbers in by_run.items():
        sizes.update(PlaceResult.objects.filter(run_id=run_id, place__in=numbers).exclude(size_class="")
                     .values_list("place", "size_class"))
    return goal_results_in(runs), sizes


def _comparison(result: GoalResult | None) -> str:
    """What a goal result's colour compares, as a file names it ("" without a colour or without rated
    indicators to tell)."""
    if result is None or result.colour not in COLOURS:
        return ""
    kind = colour_meaning.comparison_of_goal(result)
    return "" if kind is Comparison.NONE else kind.value


def _kommune_facts(sizes: dict[str, str]) -> dict[str, KommuneFacts]:
    """Every kommune with its fylke and size class: the class the run stored, else the one of its population."""
    missing = set(Kommune.objects.values_list("number", flat=True)) - set(sizes)
    if missing:
        table = peer_table()
        sizes = {**dict(zip(table["place"], table["size"], strict=True)), **sizes}
    return {number: KommuneFacts(number, name, fylke, sizes.get(number, ""))
            for number, name, fylke in Kommune.objects.order_by("number").values_list("number", "name", "fylke_id")}


def _one_kind(rows: list[KommuneStatus]) -> str:
    """What all the coloured statuses among ``rows`` compare: one kind, ``mixed``, or "" when none is coloured."""
    kind = colour_meaning.one_kind(Comparison(row.comparison) for row in rows if row.comparison)
    return "" if kind is Comparison.NONE else kind.value


def kommune_statuses(runs: dict[str, MeasurementRun], goals: list[Goal]) -> tuple[list[KommuneStatus],
                                                                                   dict[str, KommuneFacts]]:
    """Every kommune's status for every goal, as its dashboard shows it."""
    results, sizes = _stored_results(runs)
    facts = _kommune_facts(sizes)
    rows = []
    for number, kommune in facts.items():
        for goal in goals:
            result = results.get((number, goal.number))
            rows.append(KommuneStatus(number, kommune.name, kommune.fylke, kommune.size_class, goal.number,
                                      _status(result), result.score if result else None, runs[number].pk,
                                      _comparison(result)))
    return rows, facts


def _status_row(breakdown: str, group: PeerGroup, goal: Goal, rows: list[KommuneStatus],
                language: str) -> StatusRow:
    counts = Counter(row.status for row in rows)
    scores = [row.score for row in rows if row.score is not None]
    return StatusRow(breakdown, group.code, group.name, goal.number, goal.short_in(language),
                     {status: counts.get(status, 0) for status in STATUSES}, len(rows),
                     sum(scores) / len(scores) if scores else None, _one_kind(rows) or "")


def status_rows(breakdown: str, groups: list[PeerGroup], goals: list[Goal], statuses: list[KommuneStatus],
                language: str) -> list[StatusRow]:
    """Per group and goal: the kommuner of the group by status, and their mean score."""
    by_goal: dict[int, list[KommuneStatus]] = {}
    for row in statuses:
        by_goal.setdefault(row.goal, []).append(row)
    return [_status_row(breakdown, group, goal, [row for row in by_goal.get(goal.number, [])
                                                 if row.kommune in group.members], language)
            for group in groups for goal in goals]


def target_rows(kommuner: int, language: str) -> list[TargetRow]:
    """Every target in UN order with its relevance for kommuner and how many kommuner's published plans cover it."""
    relevance = relevance_levels("kommune")
    linked = national_counts()
    plans, indicators = covering_kommuner()
    rows = []
    for target in Target.objects.all():
        covering = len(plans.get(target.code, set()) | indicators.get(target.code, set()))
        rows.append(TargetRow(target.code, target.goal_id, target.title_in(language), relevance.get(target.code, ""),
                              linked.get(target.code, 0), len(indicators.get(target.code, set())), covering,
                              covering / kommuner if kommuner else 0.0))
    return rows


def least_addressed(targets: list[TargetRow]) -> list[TargetRow]:
    """The locally relevant targets, least covered first; among equals the most relevant, then in UN order."""
    relevant = [(position, row) for position, row in enumerate(targets) if row.relevance in RELEVANCE_ORDER]
    relevant.sort(key=lambda item: (item[1].covering, RELEVANCE_ORDER.index(item[1].relevance), item[0]))
    return [row for _position, row in relevant]


def _metadata(base: MeasurementRun, runs: dict[str, MeasurementRun], language: str,
              statuses: list[KommuneStatus]) -> Metadata:
    used = list(base.revisions)
    publishers = sorted({publisher for publisher in Indicator.objects.filter(id__in=used)
                         .values_list("publisher", flat=True) if publisher})
    narrowed = sorted({run.pk for run in runs.values() if run.pk != base.pk})
    return Metadata(
        run_id=base.pk, run_finished_at=base.finished_at, narrowed_runs=narrowed,
        methods={name: str(method.get("version", "")) for name, method in sorted(base.methods.items())},
        data_fingerprint=base.fingerprint, data_revisions=len(used), generated_at=timezone.now(),
        language=language, kommuner=len(runs),
        published_plans=Plan.objects.published().filter(organisation__kind="kommune").count(),
        publishers=publishers, licence=LICENCE, sources=[str(source) for source in SOURCES],
        comparison=_one_kind(statuses) or Comparison.NONE.value)


def build_rollup(*, language: str | None = None, progress: Progress = null_progress) -> Rollup:
    """The national roll-up from the last complete measurement run and the published plans.

    Parameters
    ----------
    language
        The language of goal names, target titles and labels (``nb``, ``nn`` or ``en``); the active one if None.
    progress
        Called ``(done, total, message)`` after each step.

    Raises
    ------
    NoCompleteRun
        When no complete measurement run has finished yet.
    """
    return _from_latest_run(language, lambda base, language: _build(base, language, progress))


def _from_latest_run(language: str | None, make: Callable[[MeasurementRun, str], Any]) -> Any:
    """``make(run, language)`` for the last complete run, in ``language`` (the active one if None)."""
    base = latest_run()
    if base is None:
        raise NoCompleteRun()
    language = language or active_language()
    with translation.override(language):
        return make(base, language)


def _country_rows(statuses: list[KommuneStatus], facts: dict[str, KommuneFacts], goals: list[Goal],
                  language: str) -> list[StatusRow]:
    """The roll-up's first table: per goal, how many of all kommuner have each status, and their mean score."""
    country = PeerGroup("0", str(_("all kommuner")), frozenset(facts))
    return status_rows("country", [country], goals, statuses, language)


def country_goal_rows(*, language: str | None = None) -> list[StatusRow]:
    """Just the roll-up's goal table (all kommuner by status per goal, as :func:`build_rollup`'s ``goals``), for
    the front page: the same counts without the breakdowns and target coverage.

    Raises
    ------
    NoCompleteRun
        When no complete measurement run has finished yet.
    """
    def rows(base: MeasurementRun, language: str) -> list[StatusRow]:
        goals = list(Goal.objects.all())
        statuses, facts = kommune_statuses(latest_runs_for(base, Kommune.objects.values_list("number", flat=True)),
                                           goals)
        return _country_rows(statuses, facts, goals, language)

    return _from_latest_run(language, rows)


def _build(base: MeasurementRun, language: str, progress: Progress) -> Rollup:
    sources = breakdowns()
    total = 4 + len(sources)
    goals = list(Goal.objects.all())
    runs = latest_runs_for(base, Kommune.objects.values_list("number", flat=True))
    statuses, facts = kommune_statuses(runs, goals)
    progress(1, total, "goal results of every kommune")
    goal_rows = _country_rows(statuses, facts, goals, language)
    grouped: dict[str, list[StatusRow]] = {}
    for done, (name, (_label, source)) in enumerate(sources.items(), start=2):
        grouped[name] = status_rows(name, source(facts), goals, statuses, language)
        progress(done, total, f"breakdown by {name}")
    targets = target_rows(len(facts), language)
    progress(total - 2, total, "coverage of the 169 targets")
    materiality = build_materiality(facts, language)
    progress(total - 1, total, "materiality assessments and adopting decisions")
    rollup = Rollup(metadata=_metadata(base, runs, language, statuses), targets=targets, goals=goal_rows,
                    breakdowns=grouped,
                    breakdown_labels={name: str(label) for name, (label, _source) in sources.items()},
                    least_addressed=least_addressed(targets), kommuner=statuses, materiality=materiality)
    progress(total, total, "done")
    return rollup

