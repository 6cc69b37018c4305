"""Learn from peers: for an indicator or goal where a kommune is red or orange, practices of kommuner that do
better or improved most on it, similar kommuner (size class, fylke) first, each with the reason.

Reads the stored results of the latest finished measurement run (and, for improvement, the earliest run
that has the same result); it never computes a score.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lokalagenda.indicators.models import Indicator
from lokalagenda.measurement.models import Colour, GoalResult, IndicatorResult, MeasurementRun
from lokalagenda.measurement.querysets import latest_run
from lokalagenda.places.models import Kommune
from lokalagenda.practices.models import Practice
from lokalagenda.practices.search import size_classes

#: Colours from worst to best, as the measurement methods store them.
COLOUR_ORDER = tuple(reversed(Colour.values))
NEEDS_HELP = frozenset({Colour.RED.value, Colour.ORANGE.value})
COLOUR_WORDS = {colour.value: colour.label for colour in reversed(Colour)}


@dataclass
class Suggestion:
    """A kommune to learn from, why, and its published practices on the subject."""

    kommune: Kommune
    reason: str
    practices: list[Practice] = field(default_factory=list)
    similarity: int = 0
    improvement: int = 0
    standing: tuple[int, float] = (0, 0.0)


def _rank(colour: str) -> int:
    return COLOUR_ORDER.index(colour) if colour in COLOUR_ORDER else -1


def suggested_practices(place: str, indicator_id: str | None = None, goal: int | None = None, limit: int = 3
                        ) -> list[Suggestion]:
    """Up to ``limit`` kommuner with published practices on the indicator's targets (or the goal) that are
    better than ``place`` now or moved up since an earlier run; empty unless ``place`` is red or orange."""
    run = latest_run()
    if run is None or (indicator_id is None) == (goal is None):
        return []
    if indicator_id is not None:
        results: Any = IndicatorResult.objects.filter(indicator_id=indicator_id)
        targets = list(Indicator.objects.get(pk=indicator_id).targets.values_list("code", flat=True))
        practices = Practice.objects.published().filter(targets__in=targets)
        subject = ", ".join(targets) or indicator_id
    else:
        results = GoalResult.objects.filter(goal_id=goal)
        practices = Practice.objects.published().filter(targets__goal=goal)
        subject = _("goal %(number)s") % {"number": goal}
    mine = results.filter(run=run, place=place).first()
    if mine is None or mine.colour not in NEEDS_HELP:
        return []
    by_kommune = _practices_by_kommune(practices.distinct(), exclude=place)
    suggestions = _suggestions(place, mine, results, run, by_kommune, subject)
    suggestions.sort(key=lambda s: (-s.similarity, -s.improvement, (-s.standing[0], -s.standing[1]),
                                    s.kommune.name))
    return suggestions[:limit]


def _practices_by_kommune(practices: Any, exclude: str) -> dict[str, list[Practice]]:
    by_kommune: dict[str, list[Practice]] = {}
    for practice in practices.prefetch_related(Prefetch("kommuner", queryset=Kommune.objects.only("number"))):
        for kommune in practice.kommuner.all():
            if kommune.number != exclude:
                by_kommune.setdefault(kommune.number, []).append(practice)
    return by_kommune


def _suggestions(place: str, mine: Model, results: Any, run: MeasurementRun,
                 by_kommune: dict[str, list[Practice]], subject: str) -> list[Suggestion]:
    now = {r.place: r for r in results.filter(run=run, place__in=by_kommune)}
    earlier: dict[str, Any] = {}
    for result in results.filter(run__status=MeasurementRun.Status.DONE, place__in=now).exclude(run=run) \
            .select_related("run").order_by("run__started_at"):
        earlier.setdefault(result.place, result)
    sizes = size_classes()
    kommuner = {k.number: k for k in Kommune.objects.filter(number__in=now).only("number", "name", "fylke")}
    own = Kommune.objects.only("fylke").filter(number=place).first()
    suggestions = []
    for number, result in now.items():
        before = earlier.get(number)
        improvement = _rank(result.colour) - _rank(before.colour) if before is not None else 0
        if _rank(result.colour) <= _rank(mine.colour) and improvement <= 0:  # type: ignore[attr-defined]
            continue
        kommune = kommuner[number]
        similarity = (sizes.get(number) == sizes.get(place)) + (own is not None and kommune.fylke_id == own.fylke_id)
        suggestions.append(Suggestion(
            kommune=kommune, practices=by_kommune[number], similarity=similarity, improvement=improvement,
            standing=(_rank(result.colour), result.score or 0.0),
            reason=_reason(kommune, result, before if improvement > 0 else None, mine, subject,
                           len(by_kommune[number]), similarity)))
    return suggestions


def _reason(kommune: Kommune, result: Any, before: Any, mine: Any, subject: str, count: int,
            similarity: int) -> str:
    """'Bodø moved from orange to green on 12.5 since 2019; 3 practices.'"""
    values = {"kommune": kommune.name, "subject": subject, "now": COLOUR_WORDS.get(result.colour, result.colour),
              "yours": COLOUR_WORDS.get(mine.colour, mine.colour), "count": count}
    practices = ngettext("%(count)d practice", "%(count)d practices", count) % values
    if before is not None:
        year = getattr(before, "year", None) or before.run.finished_at.year
        text = _("%(kommune)s moved from %(before)s to %(now)s on %(subject)s since %(year)s") % {
            **values, "before": COLOUR_WORDS.get(before.colour, before.colour), "year": year}
    else:
        text = _("%(kommune)s is %(now)s on %(subject)s (you: %(yours)s)") % values
    similar = {2: _("same size class and fylke"), 1: _("a similar kommune")}.get(similarity)
    return "; ".join(part for part in (text, practices, similar) if part) + "."
