"""Pages of partnerships: a kommune's overview, the national overview, partner and partnership pages, and
editing for the owning organisation's editors (others get 403; drafts of others are 404)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lokalagenda.accounts.models import Organisation
from lokalagenda.accounts.permissions import (
    can_edit,
    can_edit_partner,
    editable_organisations,
    require_editor,
    require_partner_editor,
)
from lokalagenda.partnerships.forms import PartnerForm, PartnershipForm
from lokalagenda.partnerships.models import Partner, Partnership
from lokalagenda.partnerships.overview import national_overview
from lokalagenda.partnerships.services import save_partner, save_partnership
from lokalagenda.places.models import Kommune

RELATED = ("partners", "targets", "kommuner", "actions")


def _kommune_organisation(number: str) -> Organisation:
    return get_object_or_404(Organisation.objects.select_related("kommune"), kommune__number=number)


def national(request: HttpRequest) -> HttpResponse:
    """Published partnerships counted by partner kind and goal, the latest ones, and for an editor the way to
    register one for their own kommune."""
    latest = (Partnership.objects.published().select_related("organisation").prefetch_related("partners")
              .order_by("-updated_at", "-id")[:25])
    own = Kommune.objects.filter(organisation__in=editable_organisations(request.user, Organisation.Kind.KOMMUNE))
    return render(request, "partnerships/national.html", {"overview": national_overview(), "latest": latest,
                                                          "own_kommuner": own.only("number", "name")})


def kommune_overview(request: HttpRequest, number: str) -> HttpResponse:
    """The partnerships a kommune owns or takes part in; its members also see its drafts."""
    kommune = get_object_or_404(Kommune.objects.defer("boundary"), number=number)
    organisation = Organisation.objects.filter(kommune=kommune).first()
    partnerships = (Partnership.objects.visible_to(request.user).for_kommune(number)
                    .select_related("organisation").prefetch_related(*RELATED))
    return render(request, "partnerships/kommune.html", {
        "kommune": kommune, "partnerships": partnerships,
        "can_edit": organisation is not None and can_edit(request.user, organisation),
    })


def partnership_detail(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_object_or_404(
        Partnership.objects.visible_to(request.user).select_related("organisation").prefetch_related(*RELATED),
        pk=pk,
    )
    return render(request, "partnerships/partnership_detail.html", {
        "partnership": partnership, "can_edit": can_edit(request.user, partnership.organisation),
    })


def partner_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("type", "")
    partners = Partner.objects.all()
    if kind in Partner.Kind.values:
        partners = partners.filter(kind=kind)
    return render(request, "partnerships/partner_list.html", {
        "partners": partners, "kinds": Partner.Kind.choices, "kind": kind,
    })


def partner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    partner = get_object_or_404(Partner.objects.select_related("owner"), pk=pk)
    partnerships = (Partnership.objects.visible_to(request.user).filter(partners=partner)
                    .select_related("organisation").prefetch_related("partners", "targets"))
    return render(request, "partnerships/partner_detail.html", {
        "partner": partner, "partnerships": partnerships, "can_edit": can_edit_partner(request.user, partner),
    })


@login_required
def partnership_create(request: HttpRequest, number: str) -> HttpResponse:
    organisation = _kommune_organisation(number)
    return _partnership_form(request, organisation, None)


@login_required
def partnership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_object_or_404(Partnership.objects.select_related("organisation__kommune"), pk=pk)
    return _partnership_form(request, partnership.organisation, partnership)


def _partnership_form(request: HttpRequest, organisation: Organisation,
                      partnership: Partnership | None) -> HttpResponse:
    require_editor(request.user, organisation)
    form = PartnershipForm(request.POST or None, instance=partnership, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        saved = save_partnership(request.user, organisation, partnership, **form.cleaned_data)
        messages.success(request, _("The partnership was saved."))
        return redirect("partnerships:partnership", pk=saved.pk)
    return render(request, "partnerships/partnership_edit.html", {
        "form": form, "organisation": organisation, "partnership": partnership,
    })


@login_required
def partner_create(request: HttpRequest, number: str) -> HttpResponse:
    organisation = _kommune_organisation(number)
    require_editor(request.user, organisation)
    return _partner_form(request, organisation, None)


@login_required
def partner_edit(request: HttpRequest, pk: int) -> HttpResponse:
    partner = get_object_or_404(Partner.objects.select_related("owner"), pk=pk)
    require_partner_editor(request.user, partner)
    return _partner_form(request, partner.owner, partner)


def _partner_form(request: HttpRequest, owner: Organisation | None, partner: Partner | None) -> HttpResponse:
    form = PartnerForm(request.POST or None, instance=partner)
    if request.method == "POST" and form.is_valid():
        saved = save_partner(request.user, owner, partner, **form.cleaned_data)
        messages.success(request, _("The partner was saved."))
        return redirect("partnerships:partner", pk=saved.pk)
    return render(request, "partnerships/partner_edit.html", {"form": form, "partner": partner, "owner": owner})
