"""The site search (``/sok/``): a kommune by name or number; and the front page's finder, which chooses one
kommune with the picker and asks the same search for its number (one hit: its page)."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from lokalagenda.core.i18n import alphabetical
from lokalagenda.places.choice_fields import OneKommuneChoiceField
from lokalagenda.places.models import Kommune
from lokalagenda.ui.ratelimit import search_rate_limited


@search_rate_limited()
def search(request: HttpRequest) -> HttpResponse:
    """Find a kommune by name (any official form) or number. A search with one hit opens that kommune's page
    (a redirect, so the browser's back button returns to where the search was made); a request for a fragment
    (htmx) gets the list, never a redirect."""
    query = request.GET.get("q", "").strip()[:100]
    results = list(Kommune.objects.search(query).select_related("fylke"))
    if not query.isdigit():  # a number lists by number, a name in the Norwegian alphabet
        results.sort(key=lambda kommune: alphabetical(kommune.name))
    if query and len(results) == 1 and not request.headers.get("HX-Request"):
        return redirect("web:kommune", number=results[0].number)
    return render(request, "web/search.html", {"query": query, "results": results})


class KommuneFinder(forms.Form):
    """A kommune chosen with the picker (any official name or the number; without JavaScript a plain select),
    sent to the search as ``q``, the kommunenummer: the search opens that kommune's page."""

    q = OneKommuneChoiceField(label=_("Find a kommune by name or number"), empty_label=_("Choose a kommune"),
                              required=False)
