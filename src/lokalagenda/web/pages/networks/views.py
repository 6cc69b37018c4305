"""Pages of networks: the list, a network with its members' stored status, partnerships and practices, and
editing by national editors (others get 403)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from lokalagenda.accounts.permissions import is_national_editor, national_editor_required
from lokalagenda.partnerships.models import Partnership
from lokalagenda.places.models import Network, NetworkMembership
from lokalagenda.places.networks.forms import MembershipForm, NetworkForm
from lokalagenda.places.networks.queries import memberships_of
from lokalagenda.places.networks.services import remove_membership, save_membership, save_network
from lokalagenda.places.place import PlaceKind, split_by_kind
from lokalagenda.practices.models import Practice
from lokalagenda.web.pages.networks.status import member_statuses


def network_list(request: HttpRequest) -> HttpResponse:
    networks = Network.objects.annotate(members=Count("memberships", filter=Q(memberships__left_year__isnull=True)))
    return render(request, "web/network_list.html", {
        "networks": networks, "can_edit": is_national_editor(request.user),
    })


def network_detail(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_object_or_404(Network.objects.select_related("owner"), slug=slug)
    run, statuses = member_statuses(memberships_of(network))
    current = [status.membership.place for status in statuses if status.membership.left_year is None]
    return render(request, "web/network_detail.html", {
        "network": network, "run": run, "statuses": statuses,
        "partnerships": _partnerships(request.user, current), "practices": _practices(request.user, current),
        "can_edit": is_national_editor(request.user),
    })


def _partnerships(user: Any, places: list[str]) -> Any:
    """The members' partnerships the user may see."""
    return (Partnership.objects.visible_to(user).for_places(places).select_related("organisation")
            .prefetch_related("partners", "targets"))


def _practices(user: Any, places: list[str]) -> list[tuple[Any, str]]:
    """The members' practices the user may see, each with its page's address."""
    by_kind = split_by_kind(places)
    kommuner, fylker = by_kind[PlaceKind.KOMMUNE], by_kind[PlaceKind.FYLKE]
    rows = (Practice.objects.visible_to(user).filter(
        Q(organisation__kommune_id__in=kommuner) | Q(organisation__fylke_id__in=fylker)
        | Q(kommuner__number__in=kommuner)).select_related("organisation").distinct())
    return [(row, reverse("practices:detail", args=[row.pk])) for row in rows]


@login_required
@national_editor_required
def network_create(request: HttpRequest) -> HttpResponse:
    return _network_form(request, None)


@login_required
@national_editor_required
def network_edit(request: HttpRequest, slug: str) -> HttpResponse:
    return _network_form(request, get_object_or_404(Network, slug=slug))


def _network_form(request: HttpRequest, network: Network | None) -> HttpResponse:
    form = NetworkForm(request.POST or None, instance=network)
    if request.method == "POST" and form.is_valid():
        saved = save_network(request.user, network, **form.cleaned_data)
        messages.success(request, _("The network was saved."))
        return redirect("networks:network", slug=saved.slug)
    return render(request, "web/network_edit.html", {"form": form, "network": network})


@login_required
@national_editor_required
def membership_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Add a member, or change the years of a member (the same number again)."""
    network = get_object_or_404(Network, slug=slug)
    form = MembershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        save_membership(request.user, network, form.cleaned_data["number"],
                        joined_year=form.cleaned_data["joined_year"], left_year=form.cleaned_data["left_year"])
        messages.success(request, _("The membership was saved."))
        return redirect("networks:network", slug=network.slug)
    return render(request, "web/network_membership_edit.html", {"form": form, "network": network})


@login_required
@national_editor_required
def membership_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Delete a membership entered by mistake (POST only; a member that left gets a left year instead)."""
    membership = get_object_or_404(NetworkMembership.objects.select_related("network", "kommune", "fylke"),
                                   pk=pk, network__slug=slug)
    if request.method != "POST":
        member = membership.kommune or membership.fylke
        return render(request, "web/network_membership_remove.html", {
            "membership": membership, "member_name": member.name if member else membership.place,
        })
    remove_membership(request.user, membership)
    messages.success(request, _("The membership was removed."))
    return redirect("networks:network", slug=slug)
