"""Pages of places: the list of fylker. The kommune and fylke pages, which gather what every app knows of a
place, are in ``lokalagenda.web.pages``."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from lokalagenda.places.charts import place_map_for
from lokalagenda.places.models import Fylke


def fylke_list(request: HttpRequest) -> HttpResponse:
    fylker = Fylke.objects.defer("boundary")
    map_spec = place_map_for(  # the map reads its shapes from the boundary file
        [(f.number, f.name, None) for f in fylker], highlight=None,
        description=_("Map of Norway's 15 fylker."), height=480,
    )
    return render(request, "places/fylke_list.html", {"fylker": fylker, "map": map_spec})
