"""Named reads of networks of kommuner and fylkeskommuner, for pages and for the measurement app's peer groups.

A member counts from the year it joined until (not including) the year it left; rows without a left year are
current members. Members are named by number: four digits for a kommune, two for a fylke (fylkeskommune).
"""

from __future__ import annotations

from django.db.models import Q

from lokalagenda.places.models import Network, NetworkMembership
from lokalagenda.places.place import member_lookup


def _current(year: int | None) -> Q:
    """Memberships in force in ``year``, or today's memberships when no year is given."""
    if year is None:
        return Q(left_year__isnull=True)
    joined = Q(joined_year__isnull=True) | Q(joined_year__lte=year)
    return joined & (Q(left_year__isnull=True) | Q(left_year__gt=year))


def network_members(slug: str, *, year: int | None = None, kommuner_only: bool = False) -> list[str]:
    """The numbers of a network's members (now, or in ``year``), sorted.

    Raises ``Network.DoesNotExist`` for an unknown slug, so a peer group is never silently empty.
    ``kommuner_only`` leaves out fylker, for comparisons between kommuner.
    """
    network = Network.objects.get(slug=slug)
    rows = network.memberships.filter(_current(year))
    if kommuner_only:
        rows = rows.filter(kommune__isnull=False)
    return sorted(row.place for row in rows)


def networks_of(place: str, *, year: int | None = None) -> list[Network]:
    """The networks a kommune (four digits) or fylke (two digits) belongs to, now or in ``year``, by name."""
    ids = NetworkMembership.objects.filter(Q(**member_lookup(place)) & _current(year)).values("network_id")
    return list(Network.objects.filter(id__in=ids))


def memberships_of(network: Network) -> list[NetworkMembership]:
    """Every membership of a network with the member's name: current members first, kommuner before fylker."""
    rows = network.memberships.select_related("kommune", "fylke")
    return sorted(rows, key=lambda row: (row.left_year is not None, row.kommune_id is None, row.place))


def kommune_memberships_in(year: int) -> list[tuple[str, str, str]]:
    """Every network's kommuner in ``year``, as (network slug, network name, kommunenummer): the peer groups of a
    measurement run. A kommune that left before ``year`` or joined after it is not a member."""
    rows = (NetworkMembership.objects.filter(_current(year), kommune__isnull=False)
            .order_by("network__slug", "kommune_id").values_list("network__slug", "network__name", "kommune_id"))
    return [(slug, name, kommune) for slug, name, kommune in rows]


def memberships_state() -> list[tuple[str, str, int | None, int | None]]:
    """Every stored kommune membership as plain values, so a measurement run can tell whether networks changed."""
    rows = (NetworkMembership.objects.filter(kommune__isnull=False).order_by("network__slug", "kommune_id")
            .values_list("network__slug", "kommune_id", "joined_year", "left_year"))
    return [(slug, kommune, joined, left) for slug, kommune, joined, left in rows]
