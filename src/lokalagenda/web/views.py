"""The front page and the site search."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from lokalagenda.framework.models import Goal
from lokalagenda.places.models import Fylke, Kommune


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html", {
        "goals": Goal.objects.all(), "fylker": Fylke.objects.all(), "kommune_count": Kommune.objects.count(),
    })


def search(request: HttpRequest) -> HttpResponse:
    """Find a kommune by name (any official form) or number; an exact number goes straight to its page."""
    query = request.GET.get("q", "").strip()[:100]
    results = Kommune.objects.search(query).select_related("fylke")
    if query.isdigit() and len(query) == 4 and len(results) == 1:
        return redirect("places:kommune", number=query)
    return render(request, "web/search.html", {"query": query, "results": results})
