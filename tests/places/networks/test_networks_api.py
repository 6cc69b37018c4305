"""``/api/networks``: networks with their members, current and former."""

import pytest

from lokalagenda.places.models import Network, NetworkMembership

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(db):
    network = Network.objects.create(name="Testnettverk for bærekraft", slug="testnettverk", kind="thematic")
    NetworkMembership.objects.create(network=network, kommune_id="4601", joined_year=2021)
    NetworkMembership.objects.create(network=network, kommune_id="5001", joined_year=2019, left_year=2023)
    NetworkMembership.objects.create(network=network, fylke_id="46")
    return network


def test_networks_list_their_members(client, network):
    rows = client.get("/api/networks").json()
    assert [row["slug"] for row in rows] == ["testnettverk"]
    members = {member["number"]: member for member in rows[0]["members"]}
    assert members["4601"] == {"number": "4601", "name": "Bergen", "joined_year": 2021, "left_year": None}
    assert members["5001"]["left_year"] == 2023 and members["46"]["name"] == "Vestland"
    assert rows[0]["kind"] == "thematic"


def test_one_network_and_an_unknown_one(client, network):
    assert client.get("/api/networks/testnettverk").json()["name"] == "Testnettverk for bærekraft"
    assert client.get("/api/networks/finnes-ikke").status_code == 404
