"""Pages of places: a kommune, the fylker, a fylke."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from lokalagenda.accounts.permissions import can_edit
from lokalagenda.places import charts
from lokalagenda.places.models import Fylke, Kommune, KommunePopulation
from lokalagenda.plans.models import Priorities


def _population_chart(name: str, series: list[tuple[int, int]]) -> dict:
    first, last = (series[0], series[-1]) if series else ((0, 0), (0, 0))
    description = _(
        "Line chart: population of %(name)s on 1 January, from %(first)s in %(first_year)s "
        "to %(last)s in %(last_year)s."
    ) % {"name": name, "first": f"{first[1]:,}".replace(",", " "), "first_year": first[0],
         "last": f"{last[1]:,}".replace(",", " "), "last_year": last[0]}
    return charts.population_chart(
        series, title=_("Population 1 January"), description=description, year_label=_("Year"),
        population_label=_("Population"),
    )


def _place_map(features: list, *, highlight: str | None, description: str, height: int = 360) -> dict:
    return charts.place_map(features, highlight=highlight, description=description, height=height,
                            name_label=_("Name"), code_label=_("Number"))


def kommune_detail(request: HttpRequest, number: str) -> HttpResponse:
    kommune = get_object_or_404(Kommune.objects.select_related("fylke", "organisation"), number=number)
    population = list(kommune.population.all())
    series = [(row.year, row.total) for row in population]
    neighbours = kommune.fylke.kommuner.only("number", "name", "boundary")
    map_spec = _place_map(
        [(k.number, k.name, k.boundary) for k in neighbours], highlight=kommune.number,
        description=_("Map: %(kommune)s kommune (highlighted) among the kommuner of %(fylke)s.")
        % {"kommune": kommune.name, "fylke": kommune.fylke.name},
    )
    organisation = getattr(kommune, "organisation", None)
    priorities = None
    if organisation is not None:
        priorities = Priorities.objects.visible_to(request.user).for_organisation(organisation).first()
    editable = organisation is not None and can_edit(request.user, organisation)
    return render(request, "places/kommune_detail.html", {
        "kommune": kommune, "population": population[::-1], "latest": population[-1] if population else None,
        "population_chart": _population_chart(kommune.name, series), "map": map_spec,
        "code_history": kommune.code_history.exclude(old_code=kommune.number),
        "priorities": priorities, "organisation": organisation, "can_edit": editable,
    })


def fylke_list(request: HttpRequest) -> HttpResponse:
    fylker = Fylke.objects.all()
    map_spec = _place_map(
        [(f.number, f.name, f.boundary) for f in fylker], highlight=None,
        description=_("Map of Norway's 15 fylker."), height=480,
    )
    return render(request, "places/fylke_list.html", {"fylker": fylker, "map": map_spec})


def fylke_detail(request: HttpRequest, number: str) -> HttpResponse:
    fylke = get_object_or_404(Fylke, number=number)
    kommuner = list(fylke.kommuner.all())
    series = [(row.year, row.total) for row in fylke.population.all()]
    map_spec = _place_map(
        [(k.number, k.name, k.boundary) for k in kommuner], highlight=None,
        description=_("Map of the %(count)s kommuner of %(fylke)s.") % {"count": len(kommuner), "fylke": fylke.name},
        height=480,
    )
    latest_year = series[-1][0] if series else None
    latest = dict(
        KommunePopulation.objects.filter(kommune__fylke=fylke, year=latest_year).values_list("kommune_id", "total")
    )
    return render(request, "places/fylke_detail.html", {
        "fylke": fylke, "kommuner": [(k, latest.get(k.number)) for k in kommuner], "map": map_spec,
        "population_chart": _population_chart(fylke.name, series), "population": series[::-1],
        "latest_year": latest_year,
    })
