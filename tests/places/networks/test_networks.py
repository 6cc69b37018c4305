"""Networks of kommuner and fylkeskommuner: named reads for peer groups, and editing by national editors."""

import pytest
from django.urls import reverse

from lokalagenda.accounts.models import AuditEntry
from lokalagenda.places.models import Fylke, Kommune, Network, NetworkMembership
from lokalagenda.places.networks.queries import (
    kommune_memberships_in,
    memberships_of,
    memberships_state,
    network_members,
    networks_of,
)
from lokalagenda.places.networks.services import save_membership, save_network

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(national_editor):
    network = save_network(national_editor, None, name="Testnettverk for bærekraft", slug="testnettverk",
                           kind="national")
    for number, joined, left in [("0301", 2019, None), ("4601", 2021, None), ("5001", 2019, 2023)]:
        save_membership(national_editor, network, Kommune.objects.get(number=number), joined_year=joined,
                        left_year=left)
    save_membership(national_editor, network, Fylke.objects.get(number="46"), joined_year=2022, left_year=None)
    return network


def test_network_members_are_the_current_members(network):
    assert network_members("testnettverk") == ["0301", "46", "4601"]
    assert network_members("testnettverk", kommuner_only=True) == ["0301", "4601"]


def test_network_members_in_a_year_count_from_joining_until_leaving(network):
    assert network_members("testnettverk", year=2020) == ["0301", "5001"]
    assert network_members("testnettverk", year=2022) == ["0301", "46", "4601", "5001"]
    assert network_members("testnettverk", year=2023) == ["0301", "46", "4601"]


def test_kommune_memberships_in_a_year_are_the_peer_groups_of_that_year(network):
    name = "Testnettverk for bærekraft"
    assert kommune_memberships_in(2020) == [("testnettverk", name, "0301"), ("testnettverk", name, "5001")]
    assert kommune_memberships_in(2023) == [("testnettverk", name, "0301"), ("testnettverk", name, "4601")]
    assert ("testnettverk", "5001", 2019, 2023) in memberships_state()
    assert all(len(number) == 4 for _slug, number, _joined, _left in memberships_state())


def test_an_unknown_network_is_an_error_not_an_empty_group(db):
    with pytest.raises(Network.DoesNotExist):
        network_members("finnes-ikke")


def test_networks_of_a_place(network):
    assert networks_of("4601") == [network]
    assert networks_of("46") == [network]
    assert networks_of("5001") == []
    assert networks_of("5001", year=2020) == [network]
    assert networks_of("1103") == []


def test_memberships_list_current_kommuner_first_then_fylker_then_former(network):
    assert [row.place for row in memberships_of(network)] == ["0301", "4601", "46", "5001"]


def test_national_editor_creates_a_network_and_the_write_is_audited(client, national_editor):
    client.force_login(national_editor)
    response = client.post(reverse("networks:create"), {
        "name": "Klimanettverk Vest", "slug": "klimanettverk-vest", "kind": "regional",
        "website": "https://example.org/klima"})
    assert response.status_code == 302
    network = Network.objects.get(slug="klimanettverk-vest")
    entry = AuditEntry.objects.get(model="places.Network", object_pk=str(network.pk))
    assert entry.user == national_editor and entry.action == "create" and entry.after["kind"] == "regional"


def test_the_address_of_the_new_network_page_is_not_a_slug(client, national_editor):
    client.force_login(national_editor)
    response = client.post(reverse("networks:create"), {"name": "Nytt", "slug": "nytt", "kind": "national"})
    assert response.status_code == 200 and not Network.objects.filter(slug="nytt").exists()


def test_national_editor_adds_and_changes_a_member(client, national_editor, network):
    client.force_login(national_editor)
    url = reverse("networks:membership-edit", args=[network.slug])
    assert client.post(url, {"number": "1103", "joined_year": "2024"}).status_code == 302
    assert client.post(url, {"number": "1103", "joined_year": "2023"}).status_code == 302
    membership = NetworkMembership.objects.get(network=network, kommune="1103")
    assert membership.joined_year == 2023
    actions = list(AuditEntry.objects.filter(model="places.NetworkMembership", object_pk=str(membership.pk))
                   .order_by("id").values_list("action", flat=True))
    assert actions == ["create", "update"]


def test_unknown_number_and_years_out_of_order_are_refused(client, national_editor, network):
    client.force_login(national_editor)
    client.cookies["lokalagenda_language"] = "en"
    url = reverse("networks:membership-edit", args=[network.slug])
    unknown = client.post(url, {"number": "0219"}).content.decode()
    assert "0219 is not a kommune or fylke" in unknown
    backwards = client.post(url, {"number": "1103", "joined_year": "2024", "left_year": "2020"})
    assert backwards.status_code == 200
    assert not NetworkMembership.objects.filter(network=network, kommune="1103").exists()


def test_national_editor_removes_a_membership_with_post(client, national_editor, network):
    client.force_login(national_editor)
    membership = NetworkMembership.objects.get(network=network, kommune="5001")
    url = reverse("networks:membership-remove", args=[network.slug, membership.pk])
    assert client.get(url).status_code == 200 and NetworkMembership.objects.filter(pk=membership.pk).exists()
    assert client.post(url).status_code == 302
    assert not NetworkMembership.objects.filter(pk=membership.pk).exists()
    assert AuditEntry.objects.filter(model="places.NetworkMembership", action="delete").exists()


@pytest.mark.parametrize("user", ["oslo_editor", "bergen_editor"])
def test_kommune_editors_cannot_change_networks(client, request, network, user):
    client.force_login(request.getfixturevalue(user))
    assert client.get(reverse("networks:create")).status_code == 403
    assert client.post(reverse("networks:edit", args=[network.slug]),
                       {"name": "Kapret", "slug": "kapret", "kind": "thematic"}).status_code == 403
    assert client.post(reverse("networks:membership-edit", args=[network.slug]), {"number": "1103"}).status_code == 403
    network.refresh_from_db()
    assert network.name == "Testnettverk for bærekraft"
    assert not NetworkMembership.objects.filter(network=network, kommune="1103").exists()


def test_anonymous_is_sent_to_log_in(client, network):
    response = client.get(reverse("networks:create"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
