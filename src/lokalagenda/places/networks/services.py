"""Writes of networks and their memberships. Only national editors may make them; every write is audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from lokalagenda.accounts.permissions import require_national_editor
from lokalagenda.accounts.services import audit, save_audited, snapshot
from lokalagenda.places.models import Fylke, Kommune, Network, NetworkMembership

NETWORK_FIELDS = ["name", "slug", "kind", "description", "website", "owner"]
MEMBERSHIP_FIELDS = ["network", "kommune", "fylke", "joined_year", "left_year"]


@transaction.atomic
def save_network(user: Any, network: Network | None, **values: Any) -> Network:
    """Create a network (``network`` None) or change one; raises PermissionDenied for anyone but national editors."""
    require_national_editor(user)
    network = Network() if network is None else Network.objects.select_for_update().get(pk=network.pk)
    changes = {name: values[name] for name in NETWORK_FIELDS if name in values}
    # The audit entry belongs to the network's owner after the change.
    return save_audited(user, network, NETWORK_FIELDS, changes.get("owner", network.owner), values=changes)


@transaction.atomic
def save_membership(
    user: Any, network: Network, member: Kommune | Fylke, *, joined_year: int | None, left_year: int | None,
) -> NetworkMembership:
    """Add a kommune or fylke to a network, or change the years of its membership."""
    require_national_editor(user)
    key = {"kommune": member} if isinstance(member, Kommune) else {"fylke": member}
    membership = NetworkMembership.objects.select_for_update().filter(network=network, **key).first()
    if membership is None:
        membership = NetworkMembership(network=network, **key)
    return save_audited(user, membership, MEMBERSHIP_FIELDS, network.owner,
                        values={"joined_year": joined_year, "left_year": left_year})


@transaction.atomic
def remove_membership(user: Any, membership: NetworkMembership) -> None:
    """Delete a membership entered by mistake (a member that left keeps its row, with the year it left)."""
    require_national_editor(user)
    before = snapshot(membership, MEMBERSHIP_FIELDS)
    audit(user, "delete", membership, before, None, organisation=membership.network.owner)
    membership.delete()
