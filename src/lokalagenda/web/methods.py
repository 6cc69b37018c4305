"""The methods page (``/metode/``): how every score, colour, trend and percentile the site shows is computed, in
plain words, with what the data can and cannot say and where the formulas live.

The page's sections are listed once here (:data:`SECTIONS`): their anchors, the words of the small "how we
calculate" links other pages put next to a score or a legend (:func:`method_links` through the ``methods``
template tags), the measurement methods each section explains (ids of ``core.measure.registry``, shown by their
display names; the ids only in a disclosure) and the source files that compute them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lokalagenda.core.measure import registry
from lokalagenda.measurement.labels import method_title

SPEC = "shared/methods/measurement.md"


@dataclass(frozen=True)
class Section:
    """One section of the methods page: ``anchor`` (its fragment, the same in every language), ``link`` (the
    words of a link to it), the method ids it explains and the files that compute them."""

    key: str
    anchor: str
    link: Promise
    methods: tuple[str, ...]
    files: tuple[str, ...]


@dataclass(frozen=True)
class MethodRow:
    """A method as the page's details show it: display name, id and version."""

    title: str
    name: str
    version: str


SECTIONS = (
    Section("score", "score", _("the score"), ("sdsn_normalised_scores", "sdsn_goal_scores"),
            ("src/lokalagenda/core/measure/normalise.py",)),
    Section("status", "status", _("the status colour"), ("sdsn_dashboard", "sdsn_goal_dashboard", "current_status"),
            ("src/lokalagenda/core/measure/normalise.py", "src/lokalagenda/core/measure/freshness.py")),
    Section("trend", "trend", _("the trend"), ("sdsn_trends", "sdsn_goal_trends"),
            ("src/lokalagenda/core/measure/normalise.py",)),
    Section("progress", "fremgang", _("progress since 2015"), ("open_sdg_progress",),
            ("src/lokalagenda/core/measure/progress.py",)),
    Section("percentile", "percentil", _("the percentile"), ("peer_percentiles",),
            ("src/lokalagenda/core/measure/peers.py", "src/lokalagenda/measurement/peers.py")),
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


def _version(name: str) -> str:
    described = {method.name: method.version for method in registry.methods()}
    described.update({step.name: step.version for step in registry.steps()})
    return described.get(name, "")


def _rows(section: Section) -> list[MethodRow]:
    return [MethodRow(method_title(name), name, _version(name)) for name in section.methods]


def methods_page(request: HttpRequest) -> HttpResponse:
    """The methods page: one section per kind of result, each with its methods and source files."""
    sections = {section.key: {"anchor": section.anchor, "files": section.files, "methods": _rows(section)}
                for section in SECTIONS}
    return render(request, "web/methods.html", {"sections": sections, "spec": SPEC,
                                                "contents": [(s.anchor, s.link) for s in SECTIONS]})
