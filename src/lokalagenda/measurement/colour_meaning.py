"""What a status colour compares, in words: the one home of the sentence every coloured cell carries.

A dashboard colour is one of two kinds, and a reader must never have to guess which (issue 17):

* **relative** — the place's position among the kommuner. An indicator without thresholds in the catalogue is
  rated 4 × its percentile rank among the kommuner (``core.measure.normalise.relative_ratings``), so its colour
  is its quartile: green the best 25 per cent, red the weakest 25 per cent. Percentiles among a size class or a
  fylke are relative too, and name their group.
* **absolute** — the distance to a 2030 target: an indicator with thresholds is rated against them, and the
  OECD score (``distance_score``, 0 at the worst anchor, 100 at the 2030 end value) says how much of the way
  is gone.

A goal's colour comes from its two weakest indicator ratings, so it is relative, absolute or **mixed** as its
indicators are. A cell without a colour says why: no data, a figure too old, no score, or a publisher's flag
(``Observation.flag``: suppressed for privacy, not available, not applicable).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Min, QuerySet
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lokalagenda.measurement import labels
from lokalagenda.measurement.models import Colour, GoalResult, IndicatorResult


class Comparison(StrEnum):
    """What a colour compares a place with."""

    RELATIVE = "relative"
    ABSOLUTE = "absolute"
    MIXED = "mixed"
    NONE = "none"


class PeerGroup(StrEnum):
    """The kommuner a percentile ranks a place among (the three stored on every result)."""

    COUNTRY = "country"
    SIZE = "size"
    FYLKE = "fylke"


_GROUP_WORDS = {
    PeerGroup.COUNTRY: _("the kommuner in the country"),
    PeerGroup.SIZE: _("the kommuner of the same size"),
    PeerGroup.FYLKE: _("the kommuner in the fylke"),
}
#: The quartiles, best first, as the lower bound of their percentile and their words (``group``: whose).
_QUARTILES = (
    (75.0, _("among the best 25 per cent of %(group)s")),
    (50.0, _("above the middle: better than half of %(group)s")),
    (25.0, _("below the middle: weaker than half of %(group)s")),
    (0.0, _("among the weakest 25 per cent of %(group)s")),
)
#: A goal's relative colour in words: it comes from where its two weakest indicators place it among the kommuner.
_RELATIVE_GOAL = {
    Colour.GREEN: _("even its weakest indicators are among the best 25 per cent of the kommuner"),
    Colour.YELLOW: _("its weakest indicators are around or above the middle of the kommuner"),
    Colour.ORANGE: _("its weakest indicators are below the middle of the kommuner"),
    Colour.RED: _("its two weakest indicators are among the weakest 25 per cent of the kommuner"),
}
#: Short words of a relative colour, for a column head or a map legend (a cell says the whole sentence).
_RELATIVE_WORDS = {
    Colour.GREEN: _("green: best quarter of the kommuner"),
    Colour.YELLOW: _("yellow: above the middle of the kommuner"),
    Colour.ORANGE: _("orange: below the middle of the kommuner"),
    Colour.RED: _("red: weakest quarter of the kommuner"),
}
_LEGENDS = {
    frozenset({Comparison.RELATIVE}): _("The colour shows the position among the kommuner: green the best quarter, "
                                        "yellow the quarter above the middle, orange the quarter below it and red "
                                        "the weakest quarter. It does not say whether a target is reached."),
    frozenset({Comparison.ABSOLUTE}): _("The colour shows the distance to the 2030 target: green means the target "
                                        "is reached, yellow that challenges remain, orange significant and red "
                                        "major challenges."),
}
_MIXED_LEGEND = _("Two kinds of colour are shown here, and each cell says which: some compare with the other "
                  "kommuner (the position among them), others with the 2030 target (the distance to it).")


@dataclass(frozen=True)
class ColourMeaning:
    """A coloured (or grey) value's colour, what it compares, its symbol and its meaning in words, in the language
    active when it was made.

    ``words`` is the whole text a cell shows after the symbol ("green: among the best 25 per cent of the kommuner
    in the country"); ``sentence`` only the comparison or, for a grey cell, the reason."""

    colour: str
    comparison: Comparison
    symbol: str
    sentence: str
    words: str


def coloured(colour: str, comparison: Comparison, sentence: str) -> ColourMeaning:
    """A colour with what it compares: after a target's colour words ("orange: significant challenges – …"), or
    after the colour's name, whose usual words would speak of a target ("green: among the best …")."""
    name = (labels.COLOURS[Colour(colour)][1] if comparison is Comparison.ABSOLUTE else Colour(colour).label)
    words = f"{name} – {sentence}" if comparison is Comparison.ABSOLUTE else f"{name}: {sentence}"
    return ColourMeaning(colour, comparison, labels.COLOURS[Colour(colour)][0], sentence, words)


def quartile_sentence(percentile: float, group: PeerGroup = PeerGroup.COUNTRY) -> str:
    """A percentile (0–100, higher is better) as its quartile among ``group`` in words."""
    words = next(words for lower, words in _QUARTILES if percentile >= lower or lower == 0)
    return str(words) % {"group": str(_GROUP_WORDS[group])}


def way_to_target(score: float) -> str:
    """A 0–100 score towards the 2030 end value as how much of the way is gone ("30 per cent of the way …")."""
    share = number_format(round(max(0.0, min(100.0, score))), decimal_pos=0, use_l10n=True)
    return gettext("%(share)s per cent of the way to the 2030 target") % {"share": share}


def grey(reason: str) -> ColourMeaning:
    """A value without a colour, with the reason in words."""
    return ColourMeaning("", Comparison.NONE, "", reason, reason)


def indicator_meaning(result: IndicatorResult | None, *, flag: str = "") -> ColourMeaning:
    """What an indicator result's colour compares: its quartile among the kommuner (from its relative rating, 4 ×
    its percentile rank) or how far it has come towards the 2030 target; else why it has no colour (``flag``: the
    publisher's flag of the latest figure, when it has one)."""
    flagged = flag in ("suppressed", "missing", "not_applicable")
    if (result is None or result.too_old) and flagged:
        return grey(gettext("no status: the latest figure is %(why)s (the publisher's mark)")
                    % {"why": labels.FLAGS[flag]})
    if result is None:
        return grey(gettext("no data"))
    if result.too_old:
        return grey(labels.too_old_note(result.year))
    if result.colour not in Colour.values or result.rating is None:
        return grey(gettext("no status: no score could be computed from the figures"))
    if result.colour_is_relative:
        return coloured(result.colour, Comparison.RELATIVE, quartile_sentence(25 * result.rating))
    sentence = (way_to_target(result.distance_score) if result.distance_score is not None
                else gettext("measured against the indicator's thresholds for 2030"))
    return coloured(result.colour, Comparison.ABSOLUTE, sentence)


def goal_meaning(result: GoalResult | None, comparison: Comparison) -> ColourMeaning:
    """What a goal result's colour compares, given what its indicators' colours compare (:func:`goal_comparisons`)."""
    if result is None:
        return grey(gettext("no data"))
    if result.score is None or result.colour not in Colour.values:
        return grey(gettext("no status: none of its indicators has a current figure (missing or too old)"))
    colour = Colour(result.colour)
    if comparison is Comparison.RELATIVE:
        return coloured(colour, comparison, str(_RELATIVE_GOAL[colour]))
    if comparison is Comparison.ABSOLUTE:
        sentence = (way_to_target(100 - result.distance) if result.distance is not None
                    else gettext("its two weakest indicators measured against their 2030 targets"))
        return coloured(colour, comparison, sentence)
    return coloured(colour, Comparison.MIXED, gettext("from its two weakest indicators, some compared with the "
                                                      "other kommuner and some with the 2030 target"))


def _rated(run_id: int, places: Collection[str] | None) -> QuerySet[IndicatorResult]:
    """The rated indicator results of run ``run_id`` (of ``places``, else of every place), each with the goal it
    counts for: its first, as the goal colour counts it."""
    rows = IndicatorResult.objects.filter(run_id=run_id, rating__isnull=False)
    if places is not None:
        rows = rows.filter(place__in=list(places))
    return rows.annotate(goal=Min("indicator__targets__goal"))


def goal_comparisons(run_id: int, place: str | None = None) -> dict[int, Comparison]:
    """Per goal, what the colours of its rated indicators compare in run ``run_id`` (of ``place``, else of every
    place): relative, absolute or mixed. An indicator counts for its first goal, as the goal colour counts it."""
    rows = _rated(run_id, None if place is None else [place]).values_list("goal", "colour_is_relative").distinct()
    kinds: dict[int, set[bool]] = {}
    for goal, relative in rows:
        kinds.setdefault(goal, set()).add(relative)
    return {goal: _kind(found) for goal, found in kinds.items()}


def place_goal_comparisons(run_id: int, places: Collection[str] | None = None) -> dict[tuple[str, int], Comparison]:
    """Per (place, goal), what the colours of the goal's rated indicators of that place compare in run ``run_id``
    (of ``places``, else of every place), in one query: what a page or file of many goal colours reads once."""
    rows = _rated(run_id, places).values_list("place", "goal", "colour_is_relative").distinct()
    kinds: dict[tuple[str, int], set[bool]] = {}
    for place, goal, relative in rows:
        kinds.setdefault((place, goal), set()).add(relative)
    return {key: _kind(found) for key, found in kinds.items()}


def prefetch_comparisons(results: Iterable[GoalResult | None]) -> None:
    """Read what the colours of many goal results compare at once, one query per run they come from (one on a
    page), so that :func:`comparison_of_goal` asks nothing more for each coloured cell; None is skipped."""
    by_run: dict[int, list[GoalResult]] = {}
    for result in results:
        if result is not None:
            by_run.setdefault(result.run_id, []).append(result)
    for run_id, found in by_run.items():
        kinds = place_goal_comparisons(run_id, {result.place for result in found})
        for result in found:
            kind = kinds.get((result.place, result.goal_id), Comparison.NONE)
            result._colour_comparison = kind  # type: ignore[attr-defined]


def _kind(relative: set[bool]) -> Comparison:
    if relative == {True}:
        return Comparison.RELATIVE
    return Comparison.ABSOLUTE if relative == {False} else Comparison.MIXED


def colour_words(colour: str, comparison: Comparison) -> str:
    """A colour's short words as a column head or a map legend gives them, for colours that all compare the same
    way (the legend sentence says which); for a mix, the colour's name alone."""
    if comparison is Comparison.RELATIVE:
        return str(_RELATIVE_WORDS[Colour(colour)])
    if comparison is Comparison.ABSOLUTE:
        return str(labels.COLOURS[Colour(colour)][1])
    return str(Colour(colour).label)


def one_kind(comparisons: Iterable[Comparison]) -> Comparison:
    """The one thing all these colours compare, MIXED when they differ, NONE when there are none."""
    kinds = set(comparisons) - {Comparison.NONE}
    return kinds.pop() if len(kinds) == 1 else (Comparison.MIXED if kinds else Comparison.NONE)


def legend(comparisons: Iterable[Comparison]) -> str:
    """The sentence over a table or map that names what its colours compare ("" when nothing is coloured)."""
    kinds = frozenset(comparisons) - {Comparison.NONE}
    if not kinds:
        return ""
    if kinds in _LEGENDS:
        return str(_LEGENDS[kinds])
    return str(_MIXED_LEGEND)


def meaning_of(result: IndicatorResult | GoalResult | None, *, flag: str = "") -> ColourMeaning:
    """The meaning of a stored indicator or goal result's colour (None: no data; ``flag``: the publisher's flag
    of an indicator's newer, missing figure)."""
    if isinstance(result, GoalResult):
        colourless = result.score is None or result.colour not in Colour.values  # grey: no need to ask
        return goal_meaning(result, Comparison.NONE if colourless else comparison_of_goal(result))
    return indicator_meaning(result if isinstance(result, IndicatorResult) else None, flag=flag)


def comparison_of_goal(result: GoalResult) -> Comparison:
    """What a goal result's colour compares (read once per result object: a page asks for it twice)."""
    found: Comparison | None = getattr(result, "_colour_comparison", None)
    if found is None:
        found = goal_comparisons(result.run_id, result.place).get(result.goal_id, Comparison.NONE)
        result._colour_comparison = found  # type: ignore[attr-defined]
    return found


def comparisons_in(items: Iterable[object]) -> set[Comparison]:
    """What the coloured results among ``items`` compare: stored results, what a page holds them in (an object
    with ``result``), or rows and lists of them (a dashboard's ``(goal, stored, priority)``, a comparison's
    ``(goal, cells)``); None and grey results count for nothing."""
    found: set[Comparison] = set()
    for item in items:
        if isinstance(item, list | tuple):
            found |= comparisons_in(item)
            continue
        result = getattr(item, "result", item)
        if isinstance(result, IndicatorResult | GoalResult):
            found.add(meaning_of(result).comparison)
    return found - {Comparison.NONE}
