"""Editing a kommune's priorities. Only its own editors may; others get 403, unknown kommuner 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lokalagenda.accounts.models import Organisation
from lokalagenda.accounts.permissions import can_edit
from lokalagenda.plans.forms import PrioritiesForm
from lokalagenda.plans.models import Priorities
from lokalagenda.plans.services import save_priorities


@login_required
def priorities_edit(request: HttpRequest, number: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.select_related("kommune"), kommune__number=number)
    if not can_edit(request.user, organisation):
        raise PermissionDenied
    current = Priorities.objects.for_organisation(organisation).first()
    initial = {}
    if current is not None:
        initial = {"statement": current.statement, "goals": current.goals.all(),
                   "targets": current.targets.all(), "published": current.published}
    form = PrioritiesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        save_priorities(organisation, request.user, **form.cleaned_data)
        messages.success(request, _("The priorities were saved."))
        return redirect("web:kommune", number=number)
    return render(request, "plans/priorities_edit.html", {
        "organisation": organisation, "kommune": organisation.kommune, "form": form,
    })
