"""Editing the priorities of a kommune or a fylkeskommune. Only the owner's editors may; others get 403, unknown
places 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lokalagenda.plans.access import editable_owner
from lokalagenda.plans.forms import PrioritiesForm
from lokalagenda.plans.models import Priorities
from lokalagenda.plans.services import save_priorities


@login_required
def priorities_edit(request: HttpRequest, place_kind: str, number: str) -> HttpResponse:
    owner = editable_owner(request, place_kind, number)
    current = Priorities.objects.for_organisation(owner.organisation).first()
    initial = {}
    if current is not None:
        initial = {"statement": current.statement, "goals": current.goals.all(),
                   "targets": current.targets.all(), "published": current.published}
    form = PrioritiesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        save_priorities(owner.organisation, request.user, **form.cleaned_data)
        messages.success(request, _("The priorities were saved."))
        return redirect(owner.page_url)
    return render(request, "plans/priorities_edit.html", {"owner": owner, "form": form})
