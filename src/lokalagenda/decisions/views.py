"""The decisions page of a kommune or fylkeskommune: the political decisions that adopted its assessment,
priorities, plans or VLR (public), and for its editors the forms to record, correct and delete one (403 for
anyone else). The same views serve ``kommune/<nr>/vedtak/`` and ``fylke/<nr>/vedtak/``; the owner comes from
``plans.owners`` (fylke 03 Oslo has no fylkeskommune: 404)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from lokalagenda.accounts.permissions import can_edit
from lokalagenda.decisions.forms import DecisionForm
from lokalagenda.decisions.models import Decision, Subject
from lokalagenda.decisions.pages import decision_rows, decisions_url
from lokalagenda.decisions.services import change_decision, delete_decision, record_decision
from lokalagenda.plans.access import editable_owner
from lokalagenda.plans.owners import owner_for
from lokalagenda.ui.caching import cached_for_anonymous


@cached_for_anonymous()
def decision_list(request: HttpRequest, place_kind: str, number: str) -> HttpResponse:
    owner = owner_for(place_kind, number)
    return render(request, "decisions/decision_list.html", {
        "owner": owner, "rows": decision_rows(owner.organisation),
        "can_edit": can_edit(request.user, owner.organisation),
    })


@login_required
@require_http_methods(["GET", "POST"])
def decision_edit(request: HttpRequest, place_kind: str, number: str, decision_id: int | None = None
                  ) -> HttpResponse:
    owner = editable_owner(request, place_kind, number)
    organisation = owner.organisation
    decision = None if decision_id is None else get_object_or_404(Decision, organisation=organisation,
                                                                  id=decision_id)
    initial = _initial_from(request) if decision is None else None
    form = DecisionForm(request.POST or None, instance=decision, organisation=organisation, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if decision is None:
                decision = record_decision(organisation, request.user, **form.cleaned_data)
            else:
                decision = change_decision(decision, request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The decision in case {case} was saved.").format(case=decision.case_number))
            return redirect(decisions_url(owner))
    title = _("Record a political decision") if decision is None else _("Correct the decision in case {case}").format(
        case=decision.case_number)
    return render(request, "decisions/decision_form.html", {"owner": owner, "form": form, "title": title,
                                                            "decision": decision})


def _initial_from(request: HttpRequest) -> dict[str, object]:
    """What a link to the form says was adopted (``?subject=assessment``, ``?subject=plan&plan=12``): the page of
    the subject links here with it. Anything else in the query is left out; the form checks the rest."""
    initial: dict[str, object] = {}
    if request.GET.get("subject") in Subject.values:
        initial["subject"] = request.GET["subject"]
    if request.GET.get("plan", "").isdigit():
        initial["plan"] = int(request.GET["plan"])
    return initial


@login_required
@require_POST
def decision_delete(request: HttpRequest, place_kind: str, number: str, decision_id: int) -> HttpResponse:
    owner = editable_owner(request, place_kind, number)
    decision = get_object_or_404(Decision, organisation=owner.organisation, id=decision_id)
    delete_decision(decision, request.user)
    messages.success(request, _("The decision in case {case} was deleted.").format(case=decision.case_number))
    return redirect(decisions_url(owner))
