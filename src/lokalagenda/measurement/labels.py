"""Words and symbols for stored results, so colour is never the only carrier of meaning."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

COLOURS = {
    "green": ("●", _("green: target reached")),
    "yellow": ("◐", _("yellow: challenges remain")),
    "orange": ("◔", _("orange: significant challenges")),
    "red": ("○", _("red: major challenges")),
}
TRENDS = {
    "maintaining_achievement": ("↑", _("maintaining achievement")),
    "on_track": ("↑", _("on track")),
    "moderately_improving": ("↗", _("moderately improving")),
    "stagnating": ("→", _("stagnating")),
    "decreasing": ("↓", _("decreasing")),
}
PROGRESS = {
    "target_achieved": _("target achieved"),
    "substantial_progress": _("substantial progress"),
    "moderate_progress": _("moderate progress"),
    "limited_progress": _("limited progress"),
    "deterioration": _("deterioration"),
    "not_available": _("not available"),
}
