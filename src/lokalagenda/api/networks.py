"""``/api/networks``: networks of kommuner and fylkeskommuner with their members (public reference data)."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from lokalagenda.api.schemas import ErrorOut
from lokalagenda.places.models import Network
from lokalagenda.places.networks.queries import memberships_of

router = Router(tags=["places"])


class NetworkMemberOut(Schema):
    number: str
    name: str
    joined_year: int | None
    left_year: int | None


class NetworkOut(Schema):
    slug: str
    name: str
    kind: str
    description: str
    website: str
    members: list[NetworkMemberOut]


def _network(network: Network) -> dict:
    members = [{"number": row.place, "name": (row.kommune or row.fylke).name, "joined_year": row.joined_year,
                "left_year": row.left_year} for row in memberships_of(network)]
    return {"slug": network.slug, "name": network.name, "kind": network.kind, "description": network.description,
            "website": network.website, "members": members}


@router.get("/networks", response=list[NetworkOut])
def list_networks(request: HttpRequest) -> list[dict]:
    """Every network with its members, current and former (a former member has a ``left_year``)."""
    return [_network(network) for network in Network.objects.all()]


@router.get("/networks/{slug}", response={200: NetworkOut, 404: ErrorOut})
def get_network(request: HttpRequest, slug: str) -> dict:
    return _network(get_object_or_404(Network, slug=slug))
