"""The sections of the methods page (``/metode/``, ``web.pages.methods``), listed once: their anchors, the words of
the small "how we calculate" links other pages put next to a score or a legend (the ``methods`` template tags), the
measurement methods each section explains (ids of ``core.measure.registry``) and the source files that compute
them. They live in ``measurement``, beside the results they explain, so that measurement's own pages (and the
reports above) link to the methods page without importing ``web``."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    """One section of the methods page: ``anchor`` (its fragment, the same in every language), ``link`` (the
    words of a link to it), the method ids it explains and the files that compute them."""

    key: str
    anchor: str
    link: Promise
    methods: tuple[str, ...]
    files: tuple[str, ...]


SECTIONS = (
    Section("score", "score", _("the score"), ("sdsn_normalised_scores", "sdsn_goal_scores"),
            ("src/lokalagenda/core/measure/normalise.py",)),
    Section("status", "status", _("the status colour"), ("sdsn_dashboard", "sdsn_goal_dashboard", "current_status"),
            ("src/lokalagenda/core/measure/normalise.py", "src/lokalagenda/core/measure/freshness.py")),
    Section("trend", "trend", _("the trend"), ("sdsn_trends", "sdsn_goal_trends", "rate_intervals", "trend_noise"),
            ("src/lokalagenda/core/measure/normalise.py", "src/lokalagenda/core/measure/noise.py",
             "src/lokalagenda/core/measure/intervals.py", "src/lokalagenda/core/measure/denominators.py")),
    Section("progress", "fremgang", _("progress since 2015"), ("open_sdg_progress",),
            ("src/lokalagenda/core/measure/progress.py",)),
    Section("percentile", "percentil", _("the percentile"), ("peer_percentiles", "similar_kommuner"),
            ("src/lokalagenda/core/measure/peers.py", "src/lokalagenda/measurement/peers.py",
             "src/lokalagenda/core/measure/similarity.py")),
    Section("distance", "avstand-2030", _("the distance to 2030"),
            ("oecd_normalised", "oecd_goal_distance", "oecd_peer_comparison"),
            ("src/lokalagenda/core/measure/distance.py",)),
    Section("index", "indeks", _("the SDG index"), ("sdsn_index",), ("src/lokalagenda/core/measure/normalise.py",)),
    Section("key_results", "nokkelresultat", _("key results"), ("key_result_progress",),
            ("src/lokalagenda/core/measure/keyresults.py",)),
    Section("areas", "fylker-og-landet", _("fylker and the country"), ("area_aggregation",),
            ("src/lokalagenda/core/measure/areas.py",)),
    Section("limits", "begrensninger", _("what the data cannot say"), (), ()),
)
SECTION_BY_ANCHOR = {section.anchor: section for section in SECTIONS}


def section_url(anchor: str) -> str:
    """The address of a section of the methods page; an unknown anchor is a programming error (KeyError)."""
    return f"{reverse('web:methods')}#{SECTION_BY_ANCHOR[anchor].anchor}"
