"""Pages of places: the fylker and a fylke. The kommune page, which gathers every app's view of a kommune,
is in ``lokalagenda.web``."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lokalagenda.places.charts import place_map_for, population_chart_for
from lokalagenda.places.models import Fylke, KommunePopulation


def fylke_list(request: HttpRequest) -> HttpResponse:
    fylker = Fylke.objects.defer("boundary")
    map_spec = place_map_for(  # the map reads its shapes from the boundary file
        [(f.number, f.name, None) for f in fylker], highlight=None,
        description=_("Map of Norway's 15 fylker."), height=480,
    )
    return render(request, "places/fylke_list.html", {"fylker": fylker, "map": map_spec})


def fylke_detail(request: HttpRequest, number: str) -> HttpResponse:
    fylke = get_object_or_404(Fylke.objects.defer("boundary"), number=number)
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
    return render(request, "places/fylke_detail.html", {
        "fylke": fylke, "kommuner": [(k, latest.get(k.number)) for k in kommuner], "map": map_spec,
        "population_chart": population_chart_for(fylke.name, series), "population": series[::-1],
        "latest_year": latest_year,
    })
