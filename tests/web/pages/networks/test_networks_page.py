"""The network page: members with their stored status from the latest run, their partnerships and practices."""

import pytest
from django.urls import reverse

from lokalagenda.accounts.models import Organisation
from lokalagenda.framework.models import Target
from lokalagenda.measurement import colour_meaning
from lokalagenda.measurement.labels import COLOURS
from lokalagenda.measurement.models import GoalResult, PlaceResult
from lokalagenda.partnerships.services import save_partner, save_partnership
from lokalagenda.places.models import Network, NetworkMembership

pytestmark = pytest.mark.django_db
MEMBERS = ("0301", "4601", "1103")


@pytest.fixture
def network(db):
    network = Network.objects.create(name="Testnettverk for bærekraft", slug="testnettverk")
    for number in MEMBERS:
        NetworkMembership.objects.create(network=network, kommune_id=number, joined_year=2020)
    NetworkMembership.objects.create(network=network, fylke_id="46", joined_year=2022)
    return network


@pytest.fixture
def measured(measured_module, db, client):
    client.cookies["lokalagenda_language"] = "en"
    return measured_module


def _row(html: str, place: str) -> str:
    start = html.index(f'<tr data-place="{place}">')
    return html[start:html.index("</tr>", start)]


def test_each_member_shows_its_stored_index_and_goal_status_in_words(client, network, measured):
    html = client.get(reverse("networks:network", args=[network.slug])).content.decode()
    for place in MEMBERS:
        row = _row(html, place)
        stored = PlaceResult.objects.filter(run=measured, place=place).first()
        index = stored.index if stored else None
        assert f'<td class="numeric" data-index>{f"{index:.1f}" if index is not None else "–"}</td>' in row
        results = GoalResult.objects.filter(run=measured, place=place).exclude(colour="")
        for result in results:
            symbol = COLOURS[result.colour][0]  # the bundle has no thresholds: the words name a position
            words = colour_meaning.colour_words(result.colour, colour_meaning.Comparison.RELATIVE)
            assert f'<li data-colour="{result.colour}">' in row and f"{symbol}</span> {words}" in row
        if not results:
            assert "no data" in row
    assert GoalResult.objects.filter(run=measured, place__in=MEMBERS).exclude(colour="").count() >= 2
    assert "Vestland" in _row(html, "46")


def test_without_a_run_the_page_says_so(unmeasured, client, network):
    client.cookies["lokalagenda_language"] = "en"
    html = client.get(reverse("networks:network", args=[network.slug])).content.decode()
    assert "No measurement run has finished yet" in html
    assert all(f'<tr data-place="{place}">' in html for place in MEMBERS)


def test_members_partnerships_are_shown_and_drafts_are_not(client, network, oslo_editor):
    oslo = Organisation.objects.get(slug="kommune-0301")
    partner = save_partner(oslo_editor, oslo, None, name="NTNU", kind="academia", organisation_number="974767880")
    targets = list(Target.objects.filter(code="4.7"))
    save_partnership(oslo_editor, oslo, None, title="Bærekraft i skolen", published=True, partners=[partner],
                     targets=targets)
    save_partnership(oslo_editor, oslo, None, title="Utkast: skolehager", published=False, targets=targets)
    html = client.get(reverse("networks:network", args=[network.slug])).content.decode()
    assert "Bærekraft i skolen" in html and "Utkast: skolehager" not in html


def test_members_published_practices_are_shown(client, network):
    from lokalagenda.practices.models import Practice

    oslo = Organisation.objects.get(slug="kommune-0301")
    Practice.objects.create(organisation=oslo, title="Fossilfrie byggeplasser", summary="Krav i anbud.",
                            start_year=2019, status="published")
    Practice.objects.create(organisation=oslo, title="Utkast: matsvinn", summary="Ikke ferdig.", start_year=2024)
    html = client.get(reverse("networks:network", args=[network.slug])).content.decode()
    assert "Fossilfrie byggeplasser" in html and "Utkast: matsvinn" not in html


def test_network_list_counts_current_members(client, network):
    NetworkMembership.objects.filter(network=network, kommune="1103").update(left_year=2024)
    html = client.get(reverse("networks:list")).content.decode()
    assert network.name in html and '<td class="numeric">3</td>' in html
