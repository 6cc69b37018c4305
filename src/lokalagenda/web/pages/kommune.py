"""The kommune page, which gathers what every app knows of a kommune: places (names, population, map),
plans (priorities), indicators (latest values) and measurement (the goal status)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from lokalagenda.accounts.permissions import can_edit
from lokalagenda.indicators.querysets import latest_for_place
from lokalagenda.measurement.dashboards import place_dashboard
from lokalagenda.measurement.tiles import tiles_of
from lokalagenda.places.charts import place_map_for, population_chart_for
from lokalagenda.places.models import Kommune, KommunePopulation
from lokalagenda.places.place import place_for
from lokalagenda.plans.models import Priorities
from lokalagenda.ui.caching import cached_for_anonymous
from lokalagenda.web.pages.population_data import population_downloads


@cached_for_anonymous()
def kommune_detail(request: HttpRequest, number: str) -> HttpResponse:
    """A kommune: its 17 goal tiles first, then its facts, priorities, goal status, population chart and map."""
    kommune = get_object_or_404(Kommune.objects.select_related("fylke", "organisation"), number=number)
    population = list(kommune.population.all())
    series = [(row.year, row.total) for row in population]
    neighbours = Kommune.objects.filter(fylke_id=kommune.fylke_id).values_list("number", "name")
    map_spec = place_map_for(  # the map reads its shapes from the fylke's boundary file
        [(number, name, None) for number, name in neighbours], highlight=kommune.number,
        description=_("Map: %(kommune)s kommune (highlighted) among the kommuner of %(fylke)s.")
        % {"kommune": kommune.name, "fylke": kommune.fylke.name},
    )
    organisation = getattr(kommune, "organisation", None)
    priorities = None
    if organisation is not None:
        priorities = Priorities.objects.visible_to(request.user).for_organisation(organisation).first()
    editable = organisation is not None and can_edit(request.user, organisation)
    dashboard = place_dashboard(kommune.number, priorities)
    return render(request, "web/kommune_detail.html", {
        "kommune": kommune, "population": population[::-1], "latest": population[-1] if population else None,
        "population_chart": population_chart_for(kommune.name, series), "map": map_spec,
        "population_downloads": population_downloads(kommune),
        "code_history": kommune.code_history.exclude(old_code=kommune.number),
        "late_start": series[0][0] if series and series[0][0] > KommunePopulation.objects.first_year() else None,
        "priorities": priorities, "organisation": organisation, "can_edit": editable,
        "owner": place_for(kommune.number) if editable else None,
        "indicator_values": latest_for_place(kommune.number),
        "dashboard": dashboard, "tiles": tiles_of(dashboard.dashboard, priorities=dashboard.priority_goals,
                                                  place=kommune.number) if dashboard else None,
    })
