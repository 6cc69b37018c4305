"""The assessment pages of a kommune or fylkeskommune: the assessment (the draft for members, the newest published
version for everyone else, and earlier versions), a goal's targets to assess (editors only), publishing, and the
matrix with the priority targets it suggests, which editors confirm. Unknown places and fylke 03 are 404; the
writes are 403 for anyone but the owner's editors (``plans.access.editable_owner`` and the services)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from lokalagenda.accounts.permissions import can_edit
from lokalagenda.framework.models import Goal
from lokalagenda.materiality import services
from lokalagenda.materiality.evidence import indicators_by_target
from lokalagenda.materiality.forms import ConfirmPrioritiesForm, EntryForm, entry_prefix
from lokalagenda.materiality.links import assessment_url
from lokalagenda.materiality.matrix import suggested_priorities
from lokalagenda.materiality.models import DraftEntry
from lokalagenda.materiality.reading import (
    Assessment,
    TargetRow,
    assessment_for,
    goal_sections,
    influence_labels,
    matrix_rows,
    priority_codes,
    target_rows,
)
from lokalagenda.places.place import Place
from lokalagenda.plans.access import editable_owner, place_of
from lokalagenda.plans.models import Priorities
from lokalagenda.plans.owners import owner_for


@require_safe
def assessment(request: HttpRequest, place_kind: str, number: str, version: int | None = None) -> HttpResponse:
    owner = owner_for(place_kind, number)
    shown = assessment_for(owner.organisation, request.user, version)
    rows = target_rows(owner.organisation, shown.entries, priority_codes(owner.organisation, shown.draft))
    return render(request, "materiality/assessment.html", {
        "owner": owner, "shown": shown, "sections": goal_sections(rows),
        "can_edit": can_edit(request.user, owner.organisation)})


@login_required
def goal_edit(request: HttpRequest, place_kind: str, number: str, goal: int) -> HttpResponse:
    """A goal's targets, each with its entry form beside the organisation's indicators for it; saving or removing
    one target's entry comes back to the same page at that target."""
    owner = editable_owner(request, place_kind, number)
    goal_object = get_object_or_404(Goal, number=goal)
    organisation = owner.organisation
    entries = DraftEntry.objects.for_organisation(organisation).filter(target__goal_id=goal)
    rows = target_rows(organisation, entries, priority_codes(organisation, True), goal=goal)
    bound = None
    if request.method == "POST":
        row = next((row for row in rows if row.target.code == request.POST.get("target")), None)
        if row is None:
            return HttpResponseBadRequest(_("Choose one of the targets of goal {goal}.").format(goal=goal))
        response_or_form = _post_entry(request, owner, row)
        if isinstance(response_or_form, HttpResponse):
            return response_or_form
        bound = response_or_form
    show_all = request.GET.get("alle") == "1" or bound is not None
    sections = goal_sections(rows, relevant_only=not show_all)
    shown = sections[0].rows if sections else []
    evidence = indicators_by_target(place_of(organisation), [row.target.code for row in shown])
    items = [(row, bound if bound is not None and bound.target == row.target else
              EntryForm(target=row.target, entry=row.entry), evidence.get(row.target.code, [])) for row in shown]
    return render(request, "materiality/goal_edit.html", {
        "owner": owner, "goal": goal_object, "items": items, "show_all": show_all, "hidden": len(rows) - len(shown),
        "all_goals": Goal.objects.all()}, status=400 if bound is not None else 200)


def _post_entry(request: HttpRequest, owner: Place, row: TargetRow) -> HttpResponse | EntryForm:
    """Save or remove the entry of ``row``'s target; the redirect back, or the form with its errors."""
    back = f"{request.get_full_path()}#{entry_prefix(row.target.code)}"
    if request.POST.get("action") == "remove":
        if services.remove_entry(owner.organisation, request.user, row.target):
            messages.success(request, _("Target {target} was taken out of the draft.").format(target=row.target.code))
        return redirect(back)
    form = EntryForm(request.POST, target=row.target, entry=row.entry)
    if form.is_valid():
        try:
            services.save_entry(owner.organisation, request.user, row.target, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return form
        messages.success(request, _("Target {target} was saved in the draft.").format(target=row.target.code))
        return redirect(back)
    return form


@login_required
def publish_draft(request: HttpRequest, place_kind: str, number: str) -> HttpResponse:
    """Publishing asks first (GET: what will be published), then publishes the draft as the next version (POST)."""
    owner = editable_owner(request, place_kind, number)
    organisation = owner.organisation
    if request.method == "POST":
        changed = services.has_unpublished_changes(organisation)
        try:
            version = services.publish(organisation, request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(assessment_url(owner))
        if changed:
            messages.success(request, _("Version {number} of the assessment was published.").format(
                number=version.number))
        else:
            messages.info(request, _("The draft is the same as version {number}; nothing new was published.").format(
                number=version.number))
        return redirect(assessment_url(owner))
    shown = assessment_for(organisation, request.user)
    return render(request, "materiality/publish.html", {
        "owner": owner, "shown": shown, "next_number": shown.latest.number + 1 if shown.latest else 1})


@require_safe
def matrix(request: HttpRequest, place_kind: str, number: str) -> HttpResponse:
    owner = owner_for(place_kind, number)
    shown = assessment_for(owner.organisation, request.user)
    form = None
    if can_edit(request.user, owner.organisation):
        suggested = [entry.target_id for entry in suggested_priorities(shown.entries)]
        form = ConfirmPrioritiesForm(choices=[entry.target_id for entry in shown.entries],
                                     initial={"targets": suggested})
    return _render_matrix(request, owner, shown, form)


@login_required
def confirm_priorities(request: HttpRequest, place_kind: str, number: str) -> HttpResponse:
    """The editor's confirmed priority targets become the organisation's priorities (``confirm_priorities``)."""
    owner = editable_owner(request, place_kind, number)
    if request.method != "POST":
        return redirect(assessment_url(owner, "matrix"))
    shown = assessment_for(owner.organisation, request.user)
    form = ConfirmPrioritiesForm(request.POST, choices=[entry.target_id for entry in shown.entries])
    if form.is_valid():
        try:
            services.confirm_priorities(owner.organisation, request.user, form.cleaned_data["targets"],
                                        reason=form.cleaned_data["reason"], publish_now=form.cleaned_data["publish"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The priority targets were confirmed."))
            return redirect(f"{owner.page_url}#priorities-heading")
    return _render_matrix(request, owner, shown, form, status=400)


def _render_matrix(request: HttpRequest, owner: Place, shown: Assessment, form: ConfirmPrioritiesForm | None,
                   status: int = 200) -> HttpResponse:
    priorities = Priorities.objects.filter(organisation=owner.organisation).first()
    return render(request, "materiality/matrix.html", {
        "owner": owner, "shown": shown, "rows": matrix_rows(shown.entries), "columns": influence_labels(),
        "suggested": suggested_priorities(shown.entries), "form": form, "priorities": priorities}, status=status)
