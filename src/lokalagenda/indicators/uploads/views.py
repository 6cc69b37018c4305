"""Upload pages: choose a file, wait for its check, see its preview and problems, confirm, follow the import's
progress."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lokalagenda.accounts.models import Organisation
from lokalagenda.accounts.permissions import editable_organisations, require_editor
from lokalagenda.indicators.catalogue import create_local_indicator
from lokalagenda.indicators.models import ImportJob, Indicator
from lokalagenda.indicators.uploads.forms import LocalIndicatorForm, UploadForm
from lokalagenda.indicators.uploads.services import check_upload, confirm, writable_indicators


def _organisations(request: HttpRequest) -> list[Organisation]:
    """The organisations the user imports for: those of their editing memberships (a superuser too, who can open
    any organisation's jobs but is offered only their own, as everywhere a list names "your" organisations)."""
    organisations = list(editable_organisations(request.user))
    if not organisations:
        raise PermissionDenied
    return organisations


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    organisations = _organisations(request)
    chosen = next((o for o in organisations if str(o.id) == request.POST.get("organisation")), organisations[0])
    indicators = writable_indicators(chosen)
    form = UploadForm(request.POST or None, request.FILES or None, organisations=organisations,
                      indicators=Indicator.objects.filter(id__in=[i.id for i in indicators[:2000]]))
    if request.method == "POST" and form.is_valid():
        job = check_upload(form.cleaned_data["organisation"], request.user, form.cleaned_data["file"],
                           format=form.cleaned_data["format"], indicator=form.cleaned_data["indicator"])
        return redirect("uploads:job", job_id=job.id)
    jobs = ImportJob.objects.filter(organisation__in=organisations).select_related("organisation", "user")[:30]
    return render(request, "indicators/upload.html", {
        "form": form, "jobs": jobs, "local_indicators": Indicator.objects.filter(organisation__in=organisations),
    })


def _job(request: HttpRequest, job_id: int) -> ImportJob:
    job = get_object_or_404(ImportJob.objects.select_related("organisation", "user", "indicator"), id=job_id)
    require_editor(request.user, job.organisation, _("Only editors of the organisation can see this import."))
    return job


@login_required
def job_detail(request: HttpRequest, job_id: int) -> HttpResponse:
    job = _job(request, job_id)
    if request.method == "POST":
        confirm(job, request.user)  # PermissionDenied (403) unless the job waits for confirmation
        messages.success(request, _("The import has started."))
        return redirect("uploads:job", job_id=job.id)
    return render(request, "indicators/import_job.html", {"job": job})


@login_required
def job_status(request: HttpRequest, job_id: int) -> HttpResponse:
    """The progress partial the job page polls (with htmx) while the import runs."""
    return render(request, "indicators/_job_status.html", {"job": _job(request, job_id)})


@login_required
def new_local_indicator(request: HttpRequest) -> HttpResponse:
    organisations = [o for o in _organisations(request) if o.kind != Organisation.Kind.NATIONAL]
    if not organisations:
        raise PermissionDenied
    form = LocalIndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        indicator = create_local_indicator(organisations[0], request.user, **form.cleaned_data)
        messages.success(request, _("The indicator %(name)s was created.") % {"name": indicator.name_nb})
        return redirect("indicators:indicator", indicator_id=indicator.id)
    return render(request, "indicators/new_local_indicator.html", {"form": form, "organisation": organisations[0]})
