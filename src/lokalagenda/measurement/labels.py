"""Words and symbols for stored results, so colour is never the only carrier of meaning; and the words for what
the data cannot carry (a value too old for a status, too few goals for an index, a publisher's missing value)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lokalagenda.core import exports
from lokalagenda.core.measure import registry
from lokalagenda.measurement.models import Colour, ProgressStatus, Trend

#: The licence Lokalagenda publishes its own results under: its home is ``core.exports`` (plans' downloads name it
#: too); the roll-up and the measurement charts read it here (``reports.rollup.build``, ``measurement.chart_data``).
LICENCE_OF_RESULTS = exports.LICENCE_OF_RESULTS
#: Each colour's symbol and words, best first.
COLOURS = {
    Colour.GREEN: ("●", _("green: target reached")),
    Colour.YELLOW: ("◐", _("yellow: challenges remain")),
    Colour.ORANGE: ("◔", _("orange: significant challenges")),
    Colour.RED: ("○", _("red: major challenges")),
}
_TREND_SYMBOLS = {Trend.MAINTAINING_ACHIEVEMENT: "↑", Trend.ON_TRACK: "↑", Trend.MODERATELY_IMPROVING: "↗",
                  Trend.STAGNATING: "→", Trend.DECREASING: "↓", Trend.NO_CLEAR_CHANGE: "≈", Trend.TOO_UNCERTAIN: "?"}
#: Each trend's symbol and words.
TRENDS = {trend: (_TREND_SYMBOLS[trend], trend.label) for trend in Trend}
PROGRESS = {status: status.label for status in ProgressStatus}
#: Why a publisher gives no value (the observation flags; SSB's ".." not available, ":" suppressed for privacy,
#: "." not applicable) and the notes a value may carry.
FLAGS = {
    "missing": _("not available"),
    "suppressed": _("suppressed for privacy"),
    "not_applicable": _("not applicable"),
    "provisional": _("provisional"),
    "estimated": _("estimated"),
    "break": _("break in series"),
}


#: The trend words of a change no larger than its noise, or of too few residents to tell: shown grey.
NOISE_TRENDS = frozenset({Trend.NO_CLEAR_CHANGE.value, Trend.TOO_UNCERTAIN.value})


def _figure(value: float | None) -> str:
    return "–" if value is None else number_format(round(value, 1), decimal_pos=1, use_l10n=True,
                                                   force_grouping=True)


def confidence_level(uncertainty: Mapping[str, Any]) -> str:
    """The confidence level of stored intervals in per cent, in the reader's number format ("95")."""
    level = 100 * float(uncertainty.get("confidence", 0.95))
    return number_format(level, decimal_pos=len(f"{level:g}".partition(".")[2]), use_l10n=True)


def interval_label(uncertainty: Mapping[str, Any]) -> str:
    """What a chart's band and a table's column of stored intervals are called ("95 per cent interval")."""
    return gettext("%(level)s per cent interval") % {"level": confidence_level(uncertainty)}


def band_note(place: str, interval: str) -> str:
    """The sentence a line chart's text alternative adds for its band (``interval``: :func:`interval_label`), on
    the indicator page and in the reports alike."""
    return gettext("A shaded band around the line of %(kommune)s shows its %(interval)s each year: how far the "
                   "figure could move by chance with this many residents.") % {"kommune": place,
                                                                               "interval": interval}


def _change(value: float | None, kind: str | None) -> str:
    """A change with its sign, and for a share its unit ("+6,7 percentage points")."""
    if value is None:
        return "–"
    text = ("+" if value > 0 else "") + _figure(value)
    return f"{text} {gettext('percentage points')}" if kind == "share" else text


def _widest(uncertainty: Mapping[str, Any]) -> list[Any] | None:
    """The interval ``[year, lower, upper, n]`` of the trend's base or end year that is the wider."""
    years = (uncertainty.get("base_year"), uncertainty.get("end_year"))
    rows = [row for row in uncertainty.get("intervals", []) if row[0] in years and None not in row[1:3]]
    return max(rows, key=lambda row: row[2] - row[1]) if rows else None


def noise_note(uncertainty: Mapping[str, Any]) -> str:
    """Why a trend is shown as it is, from an indicator result's stored ``uncertainty`` ("" without a verdict):
    the change and its interval, or the widest of the two years' intervals when there are too few residents."""
    verdict = uncertainty.get("verdict")
    values = {"level": confidence_level(uncertainty),
              "start": uncertainty.get("base_year") or "–", "end": uncertainty.get("end_year") or "–",
              "low": _figure(uncertainty.get("change_lower")), "high": _figure(uncertainty.get("change_upper")),
              "change": _change(uncertainty.get("change"), uncertainty.get("kind"))}
    if verdict == "too_uncertain":
        widest = _widest(uncertainty) or [None, None, None]
        return gettext("Too few residents to say anything for certain: the %(level)s per cent interval of "
                       "%(year)s runs from %(lower)s to %(upper)s, so the trend is shown grey.") % {
            **values, "year": widest[0] or "–", "lower": _figure(widest[1]), "upper": _figure(widest[2])}
    if verdict == "no_clear_change":
        return gettext("The change from %(start)s to %(end)s (%(change)s) is within the noise of figures this "
                       "small: its %(level)s per cent interval runs from %(low)s to %(high)s, so the trend is "
                       "shown grey.") % values
    if verdict == "clear":
        return gettext("The change from %(start)s to %(end)s (%(change)s) is larger than the noise of the "
                       "figures: its %(level)s per cent interval runs from %(low)s to %(high)s.") % values
    return ""


def too_old_note(year: int | None) -> str:
    """What an indicator shows instead of a status when its latest value is older than the run's window."""
    return gettext("latest figure from %(year)s – too old to give a status") % {"year": year if year else "–"}


def no_index_note(goals_measured: int | None) -> str:
    """The sentence a page shows instead of an SDG index built from too few goals."""
    return capfirst(gettext("too little data for an overall index (%(measured)s of 17 goals measured)")
                    % {"measured": goals_measured or 0}) + "."


def method_title(name: str) -> str:
    """A measurement method's (or run step's) display name in the active language; its id stays for the API and
    the details of a page."""
    return gettext(registry.title(name))
