"""The content of a Voluntary Local Review, assembled from the stored results of one measurement run, the
organisation's registers and its narrative sections. Nothing here scores anything: every status, trend, score
and percentile is read from the run.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lokalagenda.framework.models import Goal
from lokalagenda.indicators.models import DatasetRevision, Indicator
from lokalagenda.indicators.units import is_share
from lokalagenda.measurement import colour_meaning
from lokalagenda.measurement.charts import Band, interval_band
from lokalagenda.measurement.comparisons import peer_series
from lokalagenda.measurement.labels import COLOURS, no_index_note
from lokalagenda.measurement.models import Colour, GoalResult, IndicatorResult, MeasurementRun, PlaceResult
from lokalagenda.measurement.querysets import core_set_first, dashboard_in, series_for_place
from lokalagenda.measurement.tiles import GoalTiles, tiles_of
from lokalagenda.places.models import Kommune
from lokalagenda.places.place import Place
from lokalagenda.reports.vlr.assessment import AssessmentAccount, published_account
from lokalagenda.reports.vlr.figures import (
    Figure,
    figure,
    goal_scores_spec,
    goal_tiles_spec,
    index_map_spec,
    indicator_series_spec,
)
from lokalagenda.reports.vlr.narratives import Narrative, narratives_for
from lokalagenda.reports.vlr.registers import Registers, registers_for
from lokalagenda.reports.vlr.scope import ReportError, run_for
from lokalagenda.reports.vlr.sections import DraftFacts


@dataclass
class IndicatorEntry:
    """An indicator of the place in the run: its stored result, its series against peers, chart and sources."""

    indicator: Indicator
    title: str
    result: IndicatorResult
    series: list[dict[str, Any]]
    series_names: dict[str, str]
    chart: Figure | None
    sources: list[str]
    #: The place's stored intervals, shaded in the chart and a column of the table (None: no denominator).
    band: Band | None = None


@dataclass
class GoalSection:
    goal: Goal
    title: str
    short: str
    result: GoalResult | None
    indicators: list[IndicatorEntry] = field(default_factory=list)
    actions: list[Any] = field(default_factory=list)
    prioritised: bool = False


@dataclass
class AnnexRow:
    indicator: Indicator
    title: str
    goal: int | None
    year: int | None
    value: float | None
    sources: list[str]


@dataclass
class GoalOverview:
    """The goals' stored results of a place as a chart and a table."""

    rows: list[dict[str, Any]]
    chart: Figure
    colour_counts: list[tuple[str, int]]
    #: The sentence that names what the goal colours compare (:mod:`lokalagenda.measurement.colour_meaning`).
    colour_legend: str = ""


@dataclass
class ReportBase:
    place: Place
    language: str
    run: MeasurementRun
    run_date: str
    generated: str
    place_result: PlaceResult | None
    overview: GoalOverview
    registers: Registers


@dataclass
class GoalTilesFigure:
    """The 17 goal tiles the review opens with (:mod:`lokalagenda.measurement.tiles`, as the place's page shows
    them, from the report's run) and the same tiles as a static figure (``draw=False``: without its SVG)."""

    tiles: GoalTiles
    place: Place
    draw: bool = True

    @cached_property
    def figure(self) -> Figure:
        """The tiles as a static figure, drawn when a format shows it (the PDF, the printed page); the web page
        shows the site's own tiles instead and never asks for it."""
        return figure(goal_tiles_spec(self.tiles.tiles, place=self.place.name), f"tiles-{self.place.number}",
                      draw=self.draw)


@dataclass
class VlrContent(ReportBase):
    tiles: GoalTilesFigure
    highlights: list[str]
    narratives: dict[str, Narrative]
    goals: list[GoalSection]
    index_map: Figure | None
    index_table: list[tuple[str, str, float | None]]
    annex: list[AnnexRow]
    #: The newest published materiality assessment and its adopting decision (the methodology section); None
    #: before the organisation publishes one.
    assessment: AssessmentAccount | None = None


def number(value: Any) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)


def goal_of(indicator: Indicator) -> int | None:
    """The goal an indicator is shown under: that of its first target, as the measurement pages do."""
    return min((target.goal_id for target in indicator.targets.all()), default=None)


def indicator_results(run: MeasurementRun, place: str) -> list[IndicatorResult]:
    return list(core_set_first(IndicatorResult.objects.filter(run=run, place=place).select_related("indicator")
                               .prefetch_related("indicator__targets")))


def indicator_sources(indicator_ids: list[str], run: MeasurementRun) -> dict[str, list[str]]:
    """Per indicator: its publisher and table, its source link, and the source of the data revision the run
    used (or of every revision when the run does not name one)."""
    indicators = Indicator.objects.filter(pk__in=indicator_ids)
    revisions: dict[str, list[str]] = {}
    for revision in DatasetRevision.objects.filter(indicator_id__in=indicator_ids).order_by("number"):
        used = run.revisions.get(revision.indicator_id)
        if used is None or used == revision.number:
            revisions.setdefault(revision.indicator_id, []).append(
                _("data: %(source)s (revision %(number)s)") % {"source": revision.source, "number": revision.number})
    sources: dict[str, list[str]] = {}
    for indicator in indicators:
        publisher = " ".join(part for part in (indicator.publisher, indicator.table_id and
                                               _("table %(table)s") % {"table": indicator.table_id}) if part)
        sources[indicator.pk] = [part for part in (publisher, indicator.source_url) if part] + revisions.get(
            indicator.pk, [])
    return sources


def goal_overview(place: Place, run: MeasurementRun, language: str, *, draw: bool) -> GoalOverview:
    results = {result.goal_id: result for result in GoalResult.objects.filter(run=run, place=place.number)}
    colour_meaning.prefetch_comparisons(results.values())  # each goal's colour words: one query, not one a goal
    rows = [{"goal": goal.number, "label": f"{goal.number} {goal.short_in(language)}",
             "score": number(results[goal.number].score) if goal.number in results else None,
             "colour": results[goal.number].colour if goal.number in results else "",
             "trend": results[goal.number].trend if goal.number in results else "",
             "result": results.get(goal.number)} for goal in Goal.objects.order_by("number")]
    counts = Counter(row["colour"] for row in rows if row["colour"])
    kinds = list(colour_meaning.goal_comparisons(run.id, place.number).values())
    words = {colour: colour_meaning.colour_words(colour, colour_meaning.one_kind(kinds)) for colour in COLOURS}
    colour_counts = [(words[colour], counts.get(colour, 0)) for colour in COLOURS]
    chart = figure(goal_scores_spec(rows, place=place.name, words=words), f"goals-{place.number}", draw=draw)
    return GoalOverview(rows, chart, colour_counts, colour_meaning.legend(kinds))


def _series(place: Place, indicator_id: str) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The place's yearly values, with its peers' medians for a kommune (stored observations only)."""
    if not place.is_kommune:
        values = series_for_place(place.number, [indicator_id]).get(indicator_id, [])
        return [{"year": year, "own": value} for year, value in values], {"own": place.name}
    frame = peer_series(indicator_id, place.number)
    names = {"own": place.name, "fylke": _("Median of kommuner in %(fylke)s") % {"fylke": place.fylke_name},
             "country": _("Median of all kommuner")}
    rows = [{"year": int(row["year"]), "own": number(row["kommune"]), "fylke": number(row["fylke"]),
             "country": number(row["country"])} for row in frame.to_dict("records")]
    return rows, names


def _indicator_entry(place: Place, result: IndicatorResult, language: str, sources: list[str],
                     *, draw: bool) -> IndicatorEntry:
    title = result.indicator.title_in(language)
    rows, names = _series(place, result.indicator_id)
    band = interval_band(result.uncertainty) if rows else None
    limits = {row["year"]: (row["lower"], row["upper"]) for row in band.rows} if band else {}
    rows = [{**row, "interval": limits.get(row["year"])} for row in rows]
    chart = (figure(indicator_series_spec(rows, names, title=title, unit=result.indicator.unit_label,
                                          share=is_share(result.indicator.unit), band=band),
                    f"series-{place.number}-{result.indicator_id}", draw=draw) if rows else None)
    return IndicatorEntry(result.indicator, title, result, rows, names, chart, sources, band)


def goal_sections(place: Place, language: str, registers: Registers,
                  overview: GoalOverview, results: list[IndicatorResult], sources: dict[str, list[str]],
                  *, draw: bool) -> list[GoalSection]:
    priorities = set(registers.priorities.goals.values_list("number", flat=True)) if registers.priorities else set()
    stored = {row["goal"]: row["result"] for row in overview.rows}
    sections = {goal.number: GoalSection(goal, goal.title_in(language), goal.short_in(language),
                                         stored.get(goal.number),
                                         actions=registers.actions_by_goal.get(goal.number, []),
                                         prioritised=goal.number in priorities)
                for goal in Goal.objects.order_by("number")}
    for result in results:
        goal = goal_of(result.indicator)
        if goal in sections:
            sections[goal].indicators.append(
                _indicator_entry(place, result, language, sources.get(result.indicator_id, []), draw=draw))
    return [sections[number] for number in sorted(sections)]


def index_map(place: Place, run: MeasurementRun, *, draw: bool
              ) -> tuple[Figure | None, list[tuple[str, str, float | None]]]:
    """The kommuner of the place's fylke by their stored SDG index, with the same values as a table."""
    kommuner = list(Kommune.objects.filter(fylke_id=place.fylke_number).order_by("number")
                    .values_list("number", "name", "boundary"))
    index = dict(PlaceResult.objects.filter(run=run, place__in=[k[0] for k in kommuner])
                 .values_list("place", "index"))
    table = [(code, name, number(index.get(code))) for code, name, _boundary in kommuner]
    if all(value is None for _code, _name, value in table):  # a map without a single index says nothing
        return None, table
    places = [(code, name, number(index.get(code)), boundary) for code, name, boundary in kommuner]
    spec = index_map_spec(places, highlight=place.number if place.is_kommune else None, area=place.fylke_name)
    return figure(spec, f"map-{place.number}", draw=draw), table


def goal_tiles_figure(place: Place, run: MeasurementRun, registers: Registers, *, draw: bool) -> GoalTilesFigure:
    """The place's 17 goal tiles from the report's run, with the published priority goals marked, and as a
    figure."""
    dashboard = dashboard_in(run, place.number)
    priorities = set(registers.priorities.goals.values_list("number", flat=True)) if registers.priorities else set()
    return GoalTilesFigure(tiles_of(dashboard, priorities=priorities, place=place.number), place, draw=draw)


def highlights(place: Place, base_result: PlaceResult | None, overview: GoalOverview,
               registers: Registers) -> list[str]:
    lines = []
    if base_result is not None and base_result.index is not None:
        lines.append(_("%(place)s has an SDG index of %(index).0f out of 100.") % {
            "place": place.name, "index": base_result.index})
    else:
        lines.append(no_index_note(base_result.goals_measured if base_result is not None else 0))
    scored = [row for row in overview.rows if row["score"] is not None]
    if scored:
        best = max(scored, key=lambda row: row["score"])
        worst = min(scored, key=lambda row: row["score"])
        lines.append(ngettext("%(count)s of 17 goals has a measured result; the strongest is %(best)s, the weakest "
                              "%(worst)s.",
                              "%(count)s of 17 goals have a measured result; the strongest is %(best)s, the weakest "
                              "%(worst)s.", len(scored)) % {"count": len(scored), "best": best["label"],
                                                            "worst": worst["label"]})
    else:
        lines.append(_("None of the 17 goals has a measured result yet."))
    lines.append(", ".join(f"{words}: {count}" for words, count in overview.colour_counts))
    lines.append(register_counts(len(registers.plans), len(registers.actions), len(registers.partnerships)))
    return lines


def register_counts(plans: int, actions: int, partnerships: int) -> str:
    """"2 published plans with 1 action, 3 partnerships.", each count with its own plural form."""
    return _("%(plans)s with %(actions)s, %(partnerships)s.") % {
        "plans": ngettext("%(count)s published plan", "%(count)s published plans", plans) % {"count": plans},
        "actions": ngettext("%(count)s action", "%(count)s actions", actions) % {"count": actions},
        "partnerships": ngettext("%(count)s partnership", "%(count)s partnerships", partnerships) % {
            "count": partnerships}}


def draft_facts(place: Place, run_date: str, results: list[IndicatorResult], overview: GoalOverview,
                registers: Registers) -> DraftFacts:
    return DraftFacts(
        place=place.name, run_date=run_date, indicators=len(results),
        goals_with_results=sum(1 for row in overview.rows if row["score"] is not None),
        red_goals=[row["label"] for row in overview.rows if row["colour"] == Colour.RED],
        green_goals=[row["label"] for row in overview.rows if row["colour"] == Colour.GREEN],
        plans=len(registers.plans), actions=len(registers.actions), partnerships=len(registers.partnerships))


def report_base(place: Place, language: str, run_id: int | None, *, draw: bool) -> ReportBase:
    run = run_for(place, run_id)
    return ReportBase(
        place=place, language=language, run=run,
        run_date=date_format(run.finished_at or run.started_at, "DATE_FORMAT"),
        generated=date_format(timezone.localdate(), "DATE_FORMAT"),
        place_result=PlaceResult.objects.filter(run=run, place=place.number).first(),
        overview=goal_overview(place, run, language, draw=draw), registers=registers_for(place))


def build_vlr(place: Place, language: str, run_id: int | None = None, *, draw: bool = True,
              drafts: bool = False) -> VlrContent:
    """Everything a VLR shows, in ``language`` (call inside ``translation.override(language)``); with ``drafts``
    (an editor's preview) the narrative sections' unpublished texts too."""
    base = report_base(place, language, run_id, draw=draw)
    results = indicator_results(base.run, place.number)
    sources = indicator_sources([result.indicator_id for result in results], base.run)
    facts = draft_facts(place, base.run_date, results, base.overview, base.registers)
    narratives = {narrative.key: narrative
                  for narrative in narratives_for(place.organisation, language, facts, drafts=drafts)}
    goals = goal_sections(place, language, base.registers, base.overview, results, sources, draw=draw)
    map_figure, index_table = index_map(place, base.run, draw=draw)
    annex = [AnnexRow(result.indicator, result.indicator.title_in(language), goal_of(result.indicator),
                      result.year, number(result.value), sources.get(result.indicator_id, []))
             for result in results]
    return VlrContent(**vars(base), tiles=goal_tiles_figure(place, base.run, base.registers, draw=draw),
                      highlights=highlights(place, base.place_result, base.overview, base.registers),
                      narratives=narratives, goals=goals, index_map=map_figure, index_table=index_table, annex=annex,
                      assessment=published_account(place.organisation, language))


def narratives_of(place: Place, language: str, *, drafts: bool = False) -> list[Narrative]:
    """The place's narrative sections as its review shows them; generated drafts say less before the first run."""
    try:
        return list(build_vlr(place, language, draw=False, drafts=drafts).narratives.values())
    except ReportError:
        facts = DraftFacts(place.name, "–", 0, 0, [], [], 0, 0, 0)
        return narratives_for(place.organisation, language, facts, drafts=drafts)
