"""Many kommuner's status on the 17 goals as one grid (a heat map): a row per kommune, a cell per goal, each cell a
stored goal result's colour with its symbol and short words, so colour never carries the meaning alone.

The fylke page draws it for the fylke's kommuner, and a fylke's goal page one goal's column. Every cell is read
from the run that kommune's own dashboard reads (:func:`~lokalagenda.measurement.querysets.goal_results_of`); the
legend names what the colours compare (:mod:`lokalagenda.measurement.colour_meaning`, issue 17): the kommuner's
position among each other, the distance to the 2030 targets, or both.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lokalagenda.framework.models import Goal
from lokalagenda.measurement import colour_meaning
from lokalagenda.measurement.colour_meaning import Comparison
from lokalagenda.measurement.labels import COLOURS
from lokalagenda.measurement.models import Colour, GoalResult
from lokalagenda.measurement.querysets import goal_results_of

#: The symbols of a cell without a colour, beside the colours' own (``labels.COLOURS``).
NO_DATA_SYMBOL = "–"
NO_STATUS_SYMBOL = "×"
_NO_DATA = _("no data")
_NO_STATUS = _("no status: no current figure")


@dataclass(frozen=True)
class HeatCell:
    """One kommune's status on one goal: its colour ("" for none), symbol and short words, and its score."""

    goal: int
    colour: str
    symbol: str
    words: str
    score: float | None

    @property
    def text(self) -> str:
        """The cell's words with its score, as a screen reader or a tooltip gives them."""
        if self.score is None:
            return self.words
        score = number_format(round(self.score), decimal_pos=0, use_l10n=True)
        return gettext("{words}; score {score}").format(words=self.words, score=score)


@dataclass(frozen=True)
class HeatRow:
    number: str
    name: str
    cells: list[HeatCell]

    @property
    def measured(self) -> int:
        """How many of the 17 goals have a colour for this kommune."""
        return sum(1 for cell in self.cells if cell.colour)


@dataclass(frozen=True)
class LegendEntry:
    colour: str
    symbol: str
    words: str


@dataclass(frozen=True)
class Heatmap:
    """The goals (columns), the kommuner (rows, in the order given), the legend's entries and the sentence that
    names what the colours compare ("" when no cell has a colour)."""

    goals: list[Goal]
    rows: list[HeatRow]
    legend: list[LegendEntry]
    comparison_sentence: str

    @property
    def has_colours(self) -> bool:
        return any(row.measured for row in self.rows)

    def column(self, goal: int) -> list[tuple[HeatRow, HeatCell]]:
        """Each kommune's row with its cell for ``goal`` (a fylke's goal page lists them)."""
        return [(row, cell) for row in self.rows for cell in row.cells if cell.goal == goal]


def _cell(goal: int, result: GoalResult | None) -> HeatCell:
    if result is None:
        return HeatCell(goal, "", NO_DATA_SYMBOL, str(_NO_DATA), None)
    if result.score is None or result.colour not in Colour.values:
        return HeatCell(goal, "", NO_STATUS_SYMBOL, str(_NO_STATUS), None)
    kind = colour_meaning.comparison_of_goal(result)
    return HeatCell(goal, result.colour, COLOURS[Colour(result.colour)][0],
                    colour_meaning.colour_words(result.colour, kind), result.score)


def _legend(kind: Comparison) -> list[LegendEntry]:
    """The colours in the words fit for what they all compare (for a mix, each cell says its own), then the two
    symbols of a cell without a colour."""
    entries = [LegendEntry(colour.value, symbol, colour_meaning.colour_words(colour.value, kind))
               for colour, (symbol, _words) in COLOURS.items()]
    return [*entries, LegendEntry("", NO_STATUS_SYMBOL, str(_NO_STATUS)), LegendEntry("", NO_DATA_SYMBOL,
                                                                                      str(_NO_DATA))]


def kommune_heatmap(kommuner: Iterable[tuple[str, str]], goals: Iterable[int] | None = None) -> Heatmap:
    """The stored status of each kommune (``(kommunenummer, name)``, in order) on each of the 17 goals, or on the
    ``goals`` given (a fylke's goal page shows one): the legend's sentence then speaks of those goals' results only."""
    places = list(kommuner)
    chosen = None if goals is None else list(goals)
    goal_list = list(Goal.objects.all() if chosen is None else Goal.objects.filter(number__in=chosen))
    results = goal_results_of((number for number, _name in places), chosen)
    rows = [HeatRow(number, name, [_cell(goal.number, results.get((number, goal.number))) for goal in goal_list])
            for number, name in places]
    kinds = [colour_meaning.comparison_of_goal(result) for result in results.values()
             if result.score is not None and result.colour in Colour.values]
    return Heatmap(goal_list, rows, _legend(colour_meaning.one_kind(kinds)), colour_meaning.legend(kinds))
