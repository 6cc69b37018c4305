"""The indicator catalogue, an indicator with its metadata, sources and values, a revision's changes, and the core
set with its revision log (a national editor changes it there)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lokalagenda.accounts.permissions import is_national_editor, national_editor_required
from lokalagenda.indicators.core_set_page import CoreSetPage, core_set_page
from lokalagenda.indicators.forms import CatalogueFilterForm, CoreSetChangeForm
from lokalagenda.indicators.models import DatasetRevision, Indicator, IndicatorSetChange, Observation
from lokalagenda.indicators.querysets import latest_values
from lokalagenda.indicators.set_membership import edit_core_set
from lokalagenda.places.models import Kommune
from lokalagenda.ui.language import active_language

PAGE_SIZE = 50
ADD, REMOVE = IndicatorSetChange.Action.ADDED.value, IndicatorSetChange.Action.REMOVED.value


def catalogue(request: HttpRequest) -> HttpResponse:
    form = CatalogueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    indicators = Indicator.objects.filtered(
        goal=filters.get("goal"), target=filters.get("target") or None,
        indicator_set=filters.get("set") or None, quality=filters.get("quality") or None,
        level=filters.get("level") or None, query=filters.get("q") or None,
    ).prefetch_related("sets")
    if filters.get("with_data"):
        indicators = indicators.with_data()
    page = Paginator(indicators, PAGE_SIZE).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    return render(request, "indicators/catalogue.html", {
        "form": form, "page": page, "query": query.urlencode(), "total": page.paginator.count,
    })


def indicator_detail(request: HttpRequest, indicator_id: str) -> HttpResponse:
    indicator = get_object_or_404(
        Indicator.objects.prefetch_related("sets", "targets__goal").select_related("global_indicator"),
        id=indicator_id,
    )
    latest = latest_values(indicator.id)
    names = dict(Kommune.objects.values_list("number", "name"))
    return render(request, "indicators/indicator_detail.html", {
        "indicator": indicator,
        "latest": [(row, names.get(row.place, row.place)) for row in latest],
        "years": Observation.objects.for_indicator(indicator.id).years(),
        "revisions": indicator.revisions.select_related("created_by")[:20],
    })


def revision_detail(request: HttpRequest, indicator_id: str, number: int) -> HttpResponse:
    revision = get_object_or_404(DatasetRevision.objects.select_related("indicator"), indicator_id=indicator_id,
                                 number=number)
    changes = Paginator(revision.changes.all(), 200).get_page(request.GET.get("side"))
    return render(request, "indicators/revision_detail.html", {
        "revision": revision, "indicator": revision.indicator, "changes": changes,
    })


@require_GET
def core_set(request: HttpRequest) -> HttpResponse:
    """The core set: what it is, the selection criteria, its indicators by goal and its revision log."""
    return _core_set_response(request, core_set_page(active_language()))


@login_required
@require_POST
@national_editor_required
def core_set_edit(request: HttpRequest) -> HttpResponse:
    """A national editor adds a catalogue indicator to the core set or removes one, giving a reason."""
    page = core_set_page(active_language())
    forms = _edit_forms(page, request.POST)
    form = forms[request.POST.get("action") if request.POST.get("action") in forms else ADD]
    if not form.is_valid():
        return _core_set_response(request, page, forms, status=400)
    indicator, action = form.cleaned_data["indicator"], form.cleaned_data["action"]
    edit_core_set(request.user, indicator, action, form.cleaned_data["reason"])
    text = _("%(name)s was added to the core set.") if action == ADD else _("%(name)s was removed from the core set.")
    messages.success(request, text % {"name": indicator.title_in(active_language())})
    return redirect("indicators:coreset")


def _edit_forms(page: CoreSetPage, data: Any = None) -> dict[str, CoreSetChangeForm]:
    """The editor's two forms (add, remove); ``data`` binds the one whose action it names."""
    members = [(m.indicator.id, f"{m.indicator.title_in(active_language())} ({m.indicator.id})") for m in page.members]
    posted = data.get("action") if data is not None else None
    return {
        ADD: CoreSetChangeForm(data if posted != REMOVE else None, initial={"action": ADD}, auto_id="add-%s",
                               indicator_set=page.indicator_set),
        REMOVE: CoreSetChangeForm(data if posted == REMOVE else None, initial={"action": REMOVE},
                                  auto_id="remove-%s", indicator_set=page.indicator_set, members=members),
    }


def _core_set_response(request: HttpRequest, page: CoreSetPage, forms: dict[str, CoreSetChangeForm] | None = None,
                       status: int = 200) -> HttpResponse:
    context: dict[str, Any] = {"page": page, "can_edit": is_national_editor(request.user)}
    if context["can_edit"]:
        forms = forms or _edit_forms(page)
        candidates = Indicator.objects.filter(organisation__isnull=True)
        if page.indicator_set is not None:
            candidates = candidates.exclude(sets=page.indicator_set)
        context.update(add_form=forms[ADD], remove_form=forms[REMOVE],
                       candidates=candidates.values_list("id", "name_nb"))
    return render(request, "indicators/core_set.html", context, status=status)
