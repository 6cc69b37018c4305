"""The fylke page, which gathers what the apps know of a fylke: places (names, kommuner, population, map), plans
(the fylkeskommune's priorities and plans) and measurement (where the fylke stands on the 17 goals, with the
kommune page's goal table, and its kommuner's status per goal as a heat map). Its URL keeps the name
``places:fylke`` (``web.pages.place_urls``)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import ngettext

from lokalagenda.measurement.dashboards import PlaceDashboard, place_dashboard
from lokalagenda.measurement.heatmap import kommune_heatmap
from lokalagenda.measurement.tiles import tiles_of
from lokalagenda.places.charts import place_map_for, population_chart_for
from lokalagenda.places.models import Fylke, KommunePopulation
from lokalagenda.plans.models import Priorities
from lokalagenda.web.pages.population_data import population_downloads


def fylke_detail(request: HttpRequest, number: str) -> HttpResponse:
    """A fylke: its names, its 17 goal tiles, facts, priorities, goal status, its kommuner's status per goal (a
    heat map), its kommuner, map and population chart."""
    fylke = get_object_or_404(Fylke.objects.defer("boundary").select_related("organisation"), number=number)
    kommuner = list(fylke.kommuner.defer("boundary"))
    series = [(row.year, row.total) for row in fylke.population.all()]
    map_spec = place_map_for(
        [(k.number, k.name, None) for k in kommuner], highlight=None,
        description=ngettext(
            "Map of the %(count)s kommune of %(fylke)s.", "Map of the %(count)s kommuner of %(fylke)s.", len(kommuner)
        ) % {"count": len(kommuner), "fylke": fylke.name},
        height=480,
    )
    latest_year = series[-1][0] if series else None
    latest = dict(
        KommunePopulation.objects.filter(kommune__fylke=fylke, year=latest_year).values_list("kommune_id", "total")
    )
    dashboard = _dashboard(request, fylke)
    return render(request, "web/fylke_detail.html", {
        "fylke": fylke, "kommuner": [(k, latest.get(k.number)) for k in kommuner], "map": map_spec,
        "population_chart": population_chart_for(fylke.name, series), "population": series[::-1],
        "population_downloads": population_downloads(fylke),
        "latest_year": latest_year, "dashboard": dashboard,
        "tiles": tiles_of(dashboard.dashboard, priorities=dashboard.priority_goals, place=fylke.number)
        if dashboard else None,
        "heatmap": kommune_heatmap((k.number, k.name) for k in kommuner),
    })


def _dashboard(request: HttpRequest, fylke: Fylke) -> PlaceDashboard | None:
    """The fylke's stored goal results with the fylkeskommune's priority goals (as far as the visitor may see
    them) marked; None before the first measurement run."""
    organisation = getattr(fylke, "organisation", None)
    priorities = None
    if organisation is not None:
        priorities = Priorities.objects.visible_to(request.user).for_organisation(organisation).first()
    return place_dashboard(fylke.number, priorities)
