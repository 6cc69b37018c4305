"""Pages of the targets' local relevance: the list with its counts, one target's relevance with its history,
and a national editor's form to refine it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lokalagenda.accounts.permissions import is_national_editor, national_editor_required
from lokalagenda.framework.forms import RelevanceFilterForm, RelevanceForm
from lokalagenda.framework.models import Government, TargetRelevance
from lokalagenda.framework.relevance.history import history_rows
from lokalagenda.framework.relevance.queries import relevance_list, relevance_summary
from lokalagenda.framework.relevance.services import refine_relevance


def relevance_overview(request: HttpRequest) -> HttpResponse:
    """How many targets are locally relevant, and the list, filtered by level of government, level and goal."""
    form = RelevanceFilterForm(request.GET or None)
    valid = form.is_valid()
    filters = form.cleaned_data if valid else {}
    government = filters.get("government") or Government.KOMMUNE
    rows = relevance_list(government, levels=form.levels() if valid else None, goal=filters.get("goal"))
    return render(request, "framework/relevance_list.html", {
        "form": form, "summary": relevance_summary(), "rows": rows, "government": government,
    })


def _relevance_of(code: str) -> TargetRelevance:
    return get_object_or_404(
        TargetRelevance.objects.select_related("target__goal", "changed_by").prefetch_related("service_areas"),
        target_id=code,
    )


def target_relevance(request: HttpRequest, code: str) -> HttpResponse:
    """One target's relevance for kommuner and fylkeskommuner, why, on what source, and every change to it."""
    relevance = _relevance_of(code)
    return render(request, "framework/target_relevance.html", {
        "relevance": relevance, "target": relevance.target, "goal": relevance.target.goal,
        "history": history_rows(relevance), "can_edit": is_national_editor(request.user),
    })


@login_required
@national_editor_required
def edit_relevance(request: HttpRequest, code: str) -> HttpResponse:
    """A national editor refines a target's relevance; the seed never overwrites it afterwards."""
    relevance = _relevance_of(code)
    form = RelevanceForm(request.POST or None, initial={
        "kommune": relevance.kommune, "fylkeskommune": relevance.fylkeskommune,
        "rationale": relevance.rationale, "source": relevance.source,
    })
    if request.method == "POST" and form.is_valid():
        if refine_relevance(relevance, request.user, **form.cleaned_data):
            messages.success(request, _("The relevance of target %(code)s was saved.") % {"code": code})
        else:
            messages.info(request, _("Nothing was changed for target %(code)s.") % {"code": code})
        return redirect("framework:target-relevance", code=code)
    return render(request, "framework/edit_relevance.html", {
        "relevance": relevance, "target": relevance.target, "form": form,
    })
