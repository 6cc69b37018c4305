"""The 17 goal tiles that open a place's pages: each goal in its official colour with its status in words and a
symbol, score, trend, data year, priority mark and link, or "not measured" with the reason; and the one line under
them that says how many goals are measured and what the data can carry.

The kommune page, the fylke page, the residents' pages, the front page (the country, ``core.observations.COUNTRY``)
and the VLR read these. :class:`GoalTile` is a plain record, so a caller with results of its own (the national
roll-up) can build tiles with :func:`tile_for`; :func:`goal_tiles` reads a place's stored results through
:func:`lokalagenda.measurement.dashboards.place_dashboard`'s :class:`~lokalagenda.measurement.querysets.Dashboard`.

The colour words come from :mod:`lokalagenda.measurement.colour_meaning` (what a colour compares: the other kommuner
or the 2030 target), the reasons of a goal without a score from :mod:`lokalagenda.measurement.gaps` and
:func:`lokalagenda.measurement.labels.too_old_note`, and the index rule (a score on at least ``min_goals`` of the
17 goals, SDSN's 80 % rule) from the run's stored parameters.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext

from lokalagenda.core.measure import normalise
from lokalagenda.framework.models import Goal
from lokalagenda.measurement import colour_meaning, labels
from lokalagenda.measurement.colour_meaning import ColourMeaning, Comparison
from lokalagenda.measurement.gaps import GoalGap, goals_of
from lokalagenda.measurement.models import Colour, GoalResult, IndicatorResult, MeasurementRun, PlaceResult, Trend
from lokalagenda.measurement.querysets import Dashboard, dashboard_for
from lokalagenda.places.place import PlaceKind, kind_of
from lokalagenda.ui.language import active_language

#: WCAG 2.1's contrast ratio for normal text at level AA (https://www.w3.org/TR/WCAG21/#contrast-minimum).
AA_CONTRAST = 4.5


@dataclass(frozen=True)
class GoalTile:
    """One goal of a place as a tile. Texts are in the language active when it was made.

    ``colour`` is the goal's official colour (``Goal.colour``, "#RRGGBB") and ``ink`` the text colour that reads on
    it ("light" or "dark", :func:`ink_on`). ``status`` is what the status colour compares, in words with its symbol
    (grey, with the reason, when the goal has no score); ``status_words`` the short form a tile shows.
    ``years`` is the first and last data year of the indicators that carry the score (None when none does).
    ``not_measured`` is "" for a measured goal, else why it is not measured."""

    number: int
    title: str
    colour: str
    ink: str
    status: ColourMeaning
    status_words: str
    score: float | None = None
    scored_indicators: int = 0
    trend: str = ""
    years: tuple[int, int] | None = None
    priority: bool = False
    url: str = ""
    not_measured: str = ""

    @property
    def measured(self) -> bool:
        return not self.not_measured

    @property
    def trend_symbol(self) -> str:
        return labels.TRENDS[Trend(self.trend)][0] if self.trend in Trend.values else ""

    @property
    def trend_words(self) -> str:
        return str(labels.TRENDS[Trend(self.trend)][1]) if self.trend in Trend.values else ""

    @property
    def trend_is_noise(self) -> bool:
        """A trend no larger than its noise (shown grey)."""
        return self.trend in labels.NOISE_TRENDS

    @property
    def year_words(self) -> str:
        """The data year ("2023") or span of years ("2019–2023") the score rests on; "" without one."""
        if self.years is None:
            return ""
        first, last = self.years
        return str(last) if first == last else f"{first}–{last}"


@dataclass(frozen=True)
class GoalTiles:
    """The 17 tiles of a place in goal order, the line under them (:func:`coverage_line`) and the sentence that
    names what their colours compare (``legend``, "" when none is coloured)."""

    tiles: list[GoalTile]
    coverage: str
    legend: str
    run: MeasurementRun | None = None
    measured: int = field(default=0)


def ink_on(colour: str) -> str:
    """"light" when white text has WCAG AA contrast (4.5:1) on ``colour`` ("#RRGGBB"), else "dark" (black text,
    which then has it: one of the two always does). Relative luminance as WCAG 2.1 defines it."""
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return "light" if 1.05 / (luminance + 0.05) >= AA_CONTRAST else "dark"


def short_status(meaning: ColourMeaning) -> str:
    """A status as a tile words it: the colour and, briefly, what it compares (the other kommuner or the 2030
    target); for a goal without a colour its reason."""
    if meaning.comparison is Comparison.NONE:
        return meaning.words
    if meaning.comparison is Comparison.MIXED:
        return gettext("{colour}: against kommuner and 2030 target").format(
            colour=Colour(meaning.colour).label)
    return colour_meaning.colour_words(meaning.colour, meaning.comparison)


def not_measured_reason(result: GoalResult | None, gap: GoalGap | None) -> str:
    """Why a goal has no score, in words: its only figures are too old, none of its indicators has a figure for
    the place yet, or no indicator can score it yet."""
    if gap is not None and gap.too_old_year is not None:
        return labels.too_old_note(gap.too_old_year)
    if gap is not None and gap.bare and (result is None or not result.indicators):
        return gettext("no indicator can give it a score yet")
    return gettext("none of its indicators has a current figure here")


def tile_for(goal: Goal, result: GoalResult | None, *, priority: bool = False, url: str = "",
             years: tuple[int, int] | None = None, gap: GoalGap | None = None) -> GoalTile:
    """The tile of ``goal`` from its stored result (None: not measured); ``gap`` says why a goal without a score
    has none (:func:`lokalagenda.measurement.gaps.goal_gaps`)."""
    meaning = colour_meaning.meaning_of(result) if result is not None else colour_meaning.grey(gettext("no data"))
    measured = result is not None and result.score is not None
    reason = "" if measured else not_measured_reason(result, gap)
    return GoalTile(
        number=goal.number, title=goal.short_in(active_language()), colour=goal.colour, ink=ink_on(goal.colour),
        status=meaning, status_words=short_status(meaning) if measured else reason,
        score=result.score if measured else None, scored_indicators=result.scored_indicators if result else 0,
        trend=result.trend if result is not None else "", years=years if measured else None, priority=priority,
        url=url, not_measured=reason)


def goal_url_for(place: str) -> Callable[[int], str]:
    """Where a tile of ``place`` links: a kommune's or a fylke's goal page, else (the country) the goal's own
    page."""
    kind = kind_of(place)
    if kind is PlaceKind.KOMMUNE:
        return lambda goal: reverse("measurement:kommune-goal", args=[place, goal])
    if kind is PlaceKind.FYLKE:
        return lambda goal: reverse("measurement:fylke-goal", args=[place, goal])
    return lambda goal: reverse("framework:goal", args=[goal])


def years_by_goal(indicators: Iterable[IndicatorResult]) -> dict[int, tuple[int, int]]:
    """Per goal, the first and last data year of the indicators with a current score (each counted under its
    first goal, as the goal score counts it)."""
    current = {result.indicator_id: result.year for result in indicators
               if result.year is not None and not result.too_old and result.score is not None}
    spans: dict[int, tuple[int, int]] = {}
    for indicator_id, goal in goals_of(list(current)).items():
        year = current[indicator_id]
        first, last = spans.get(goal, (year, year))
        spans[goal] = (min(first, year), max(last, year))
    return spans


def coverage_line(tiles: list[GoalTile], place: PlaceResult | None, run: MeasurementRun | None) -> str:
    """How many of the 17 goals are measured, on how many indicators, how many rest on one indicator only, and
    whether that carries an overall index. The run's index rule (``core.measure.normalise.sdg_index``, SDSN's):
    no index with scores on fewer than ``min_goals`` of the 17 goals, or with more than ``max_missing_share`` of
    the indicators without a current figure."""
    measured = [tile for tile in tiles if tile.measured]
    if not measured:
        return gettext("None of the 17 goals is measured yet, so the page shows no status and no overall index.")
    count = sum(tile.scored_indicators for tile in measured)
    line = ngettext("{measured} of 17 goals measured, from {count} indicator with a current figure.",
                    "{measured} of 17 goals measured, from {count} indicators with a current figure.",
                    count).format(measured=len(measured), count=count)
    single = sum(tile.scored_indicators == 1 for tile in measured)
    if single:
        line += " " + ngettext("{single} goal rests on one indicator only.",
                               "{single} goals rest on one indicator only.", single).format(single=single)
    if place is not None and place.index is not None:
        index = number_format(round(place.index, 1), decimal_pos=1, use_l10n=True)
        return line + " " + gettext("Enough for an overall SDG index: {index}.").format(index=index)
    rule = run.methods.get("sdsn_index", {}).get("parameters", {}) if run is not None else {}
    needed = rule.get("min_goals") or normalise.MIN_GOALS
    if len(measured) < needed:
        return line + " " + gettext("An overall index needs at least {needed} measured goals, so there is none."
                                    ).format(needed=needed)
    share = round(100 * (rule.get("max_missing_share") or normalise.MAX_MISSING_SHARE))
    return line + " " + gettext("No overall index: more than {share} per cent of its indicators have no current "
                                "figure.").format(share=share)


def tiles_of(dashboard: Dashboard, *, priorities: Collection[int] = (),
             goal_url: Callable[[int], str] | None = None, place: str = "") -> GoalTiles:
    """The 17 tiles of a read :class:`~lokalagenda.measurement.querysets.Dashboard` (``priorities``: the numbers
    of the priority goals; ``goal_url``: goal number → link, by default :func:`goal_url_for` of ``place``)."""
    url = goal_url or goal_url_for(place or (dashboard.place.place if dashboard.place else ""))
    spans = years_by_goal(stored.result for stored in dashboard.indicators)
    gaps = {gap.goal.number: gap for gap in dashboard.gaps()}
    tiles = []
    for goal in Goal.objects.all():
        stored = dashboard.goals.get(goal.number)
        tiles.append(tile_for(goal, stored.result if stored else None, priority=goal.number in priorities,
                              url=url(goal.number), years=spans.get(goal.number), gap=gaps.get(goal.number)))
    results = [stored.result for stored in dashboard.goals.values()]
    return GoalTiles(tiles, coverage_line(tiles, dashboard.place, dashboard.run),
                     colour_meaning.legend(colour_meaning.comparisons_in(results)), dashboard.run,
                     sum(tile.measured for tile in tiles))


def goal_tiles(place: str, *, priorities: Collection[int] = (),
               goal_url: Callable[[int], str] | None = None) -> GoalTiles | None:
    """The 17 tiles of ``place`` (kommunenummer, fylkesnummer or ``core.observations.COUNTRY``) from the last run
    that holds it; None before the first run."""
    dashboard = dashboard_for(place)
    if dashboard is None:
        return None
    return tiles_of(dashboard, priorities=priorities, goal_url=goal_url, place=place)
