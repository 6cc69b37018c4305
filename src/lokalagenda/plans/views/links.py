"""Linking goals, actions and documents to SDG targets (by hand or from suggestions) and goals and actions to
indicators, for kommuner and fylkeskommuner alike (the owner comes from the URL). Only the plan organisation's
editors may; every write is audited by the services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lokalagenda.core.errors import LokalagendaError
from lokalagenda.places.place import Place
from lokalagenda.plans.access import editable_plan, subject_in, subject_kind
from lokalagenda.plans.forms import IndicatorLinkForm, TargetLinkForm
from lokalagenda.plans.models import TargetLink
from lokalagenda.plans.owners import plan_url
from lokalagenda.plans.services import decide_suggestion, link_target, remove_target_link, save_indicator_link
from lokalagenda.plans.subjects import kind_of
from lokalagenda.plans.suggestions import (
    MODERATE,
    DocumentUnreadable,
    SuggestionsPending,
    find_suggestion,
    suggestions_page,
)


def _links_page(owner: Place, plan_id: int, kind: str, pk: int) -> HttpResponse:
    return redirect(plan_url(owner, "targets", plan_id, kind, pk))


@login_required
@require_http_methods(["GET", "POST"])
def targets(request: HttpRequest, place_kind: str, number: str, plan_id: int, kind: str, pk: int) -> HttpResponse:
    """A goal's, action's or document's target links, with a form to add one by hand."""
    owner, plan = editable_plan(request, place_kind, number, plan_id)
    subject = subject_in(plan, kind, pk)
    form = TargetLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            link = link_target(subject, request.user, form.cleaned_data["target"])
        except ValidationError as error:
            form.add_error("target", error)
        else:
            messages.success(request, _("Target %(code)s was linked.") % {"code": link.target_id})
            return _links_page(owner, plan.id, kind, pk)
    links = TargetLink.objects.filter(**{kind_of(subject).field: subject}).select_related("target", "decided_by")
    return render(request, "plans/targets.html", {
        "plan": plan, "owner": owner, "subject": subject, "kind": subject_kind(kind),
        "links": links, "form": form,
    })


@login_required
@require_POST
def remove_link(request: HttpRequest, place_kind: str, number: str, plan_id: int, link_id: int) -> HttpResponse:
    owner, plan = editable_plan(request, place_kind, number, plan_id)
    link = get_object_or_404(TargetLink.objects.select_related("plan__organisation"), plan=plan, id=link_id)
    kind, pk = kind_of(link.subject).slug, link.subject.pk
    remove_target_link(link, request.user)
    messages.success(request, _("The link to target %(code)s was removed.") % {"code": link.target_id})
    return _links_page(owner, plan.id, kind, pk)


@login_required
@require_http_methods(["GET", "POST"])
def suggestions(request: HttpRequest, place_kind: str, number: str, plan_id: int, kind: str, pk: int) -> HttpResponse:
    """Ranked target suggestions with their evidence; POST accepts or rejects one of them."""
    owner, plan = editable_plan(request, place_kind, number, plan_id)
    subject = subject_in(plan, kind, pk)
    if request.method == "POST":
        suggestion = find_suggestion(subject, request.POST.get("target", ""))
        if suggestion is None:
            messages.error(request, _("Target %(code)s is not among the open suggestions.") % {
                "code": request.POST.get("target", "")})
        else:
            accept = request.POST.get("decision") == "accept"
            decide_suggestion(subject, request.user, suggestion.target, accept=accept, score=suggestion.score,
                              evidence=suggestion.evidence)
            message = _("Target %(code)s was linked.") if accept else _("Target %(code)s was rejected.")
            messages.success(request, message % {"code": suggestion.target.code})
        return redirect(plan_url(owner, "suggestions", plan.id, kind, pk))
    pending, clear, problem = False, True, ""
    try:
        shown, clear = suggestions_page(subject)
    except SuggestionsPending:
        shown, pending = [], True
    except DocumentUnreadable as error:
        shown, problem = [], str(error)
    except LokalagendaError as error:
        shown, problem = [], _("Suggestions are not available right now: %(error)s") % {"error": error}
    return render(request, "plans/suggestions.html", {
        "plan": plan, "owner": owner, "subject": subject, "kind": subject_kind(kind),
        "suggestions": shown, "problem": problem, "pending": pending, "clear_match": clear,
        "moderate_in_ten": round(MODERATE * 10),  # the "no clear match" sentence says how often such were right
    })


@login_required
@require_http_methods(["GET", "POST"])
def indicator_link(request: HttpRequest, place_kind: str, number: str, plan_id: int, kind: str,
                   pk: int) -> HttpResponse:
    """Measure a goal or action by an indicator, with a start and a target value."""
    owner, plan = editable_plan(request, place_kind, number, plan_id)
    if kind not in ("mal", "tiltak"):
        raise Http404
    subject = subject_in(plan, kind, pk)
    form = IndicatorLinkForm(request.POST or None, subject=subject, organisation=plan.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            save_indicator_link(subject, request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The indicator was linked."))
            return redirect(plan_url(owner, "plan", plan.id))
    return render(request, "plans/form_page.html", {
        "form": form, "plan": plan, "owner": owner,
        "title": _("Measure %(title)s by an indicator") % {"title": subject.title},
    })
