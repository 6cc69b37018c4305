"""The methods page (``/metode/``): how every score, colour, trend and percentile the site shows is computed, in
plain words, with what the data can and cannot say and where the formulas live.

The page's sections are listed once, in ``measurement.method_sections`` (:data:`SECTIONS`), beside the results
they explain: other pages link to them with the ``methods`` template tags of ``measurement``. Each section shows
the measurement methods it explains (ids of ``core.measure.registry``, shown by their display names; the ids only
in a disclosure) and the source files that compute them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lokalagenda.core.measure import registry
from lokalagenda.measurement.labels import method_title
from lokalagenda.measurement.method_sections import SECTIONS, Section

SPEC = "shared/methods/measurement.md"


@dataclass(frozen=True)
class MethodRow:
    """A method as the page's details show it: display name, id and version."""

    title: str
    name: str
    version: str


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
