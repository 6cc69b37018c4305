"""Words and symbols for stored results, so colour is never the only carrier of meaning; and the words for what
the data cannot carry (a value too old for a status, too few goals for an index, a publisher's missing value)."""

from __future__ import annotations

from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lokalagenda.core.measure import registry
from lokalagenda.measurement.models import Colour, ProgressStatus, Trend

#: Each colour's symbol and words, best first.
COLOURS = {
    Colour.GREEN: ("●", _("green: target reached")),
    Colour.YELLOW: ("◐", _("yellow: challenges remain")),
    Colour.ORANGE: ("◔", _("orange: significant challenges")),
    Colour.RED: ("○", _("red: major challenges")),
}
_TREND_SYMBOLS = {Trend.MAINTAINING_ACHIEVEMENT: "↑", Trend.ON_TRACK: "↑", Trend.MODERATELY_IMPROVING: "↗",
                  Trend.STAGNATING: "→", Trend.DECREASING: "↓"}
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
