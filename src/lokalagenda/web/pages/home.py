"""The front page: the 17 goals, the fylker and how many kommuner the site covers."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lokalagenda.framework.models import Goal
from lokalagenda.places.models import Fylke, Kommune


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html", {
        "goals": Goal.objects.all(), "fylker": Fylke.objects.all(), "kommune_count": Kommune.objects.count(),
    })
