"""The API gives partners and partnerships as JSON and CSV; drafts only to members of the owner."""

import csv
import io

import pytest

pytestmark = pytest.mark.django_db


def test_partners_as_json_and_csv(client, partners):
    rows = client.get("/api/partners").json()
    assert {row["name"]: row["organisation_number"] for row in rows}["Brønnøysundregistrene"] == "974760673"
    academia = client.get("/api/partners", {"kind": "academia"}).json()
    assert [row["name"] for row in academia] == ["NTNU"]
    response = client.get("/api/partners.csv")
    assert response["Content-Type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(table) == len(rows) == 4
    assert {row["name"]: row["kind"] for row in table}["Equinor ASA"] == "business"


def test_partnerships_hide_drafts_from_the_public(client, oslo_published, oslo_draft):
    titles = [row["title"] for row in client.get("/api/partnerships").json()]
    assert titles == [oslo_published.title]
    assert client.get(f"/api/partnerships/{oslo_draft.pk}").status_code == 404


def test_members_see_their_drafts(client, oslo_viewer, oslo_published, oslo_draft):
    client.force_login(oslo_viewer)
    titles = {row["title"] for row in client.get("/api/partnerships").json()}
    assert titles == {oslo_published.title, oslo_draft.title}


def test_partnership_json_names_kommuner_partners_targets_and_goals(client, oslo_published, partners):
    row = client.get(f"/api/partnerships/{oslo_published.pk}").json()
    assert row["owner_kommune"] == "0301" and row["kommuner"] == ["3201"]
    assert sorted(row["partners"]) == sorted([partners["equinor"].pk, partners["ntnu"].pk])
    assert row["partner_kinds"] == ["academia", "business"]
    assert sorted(row["targets"]) == ["11.6", "13.2", "7.2"] and row["goals"] == [7, 11, 13]
    assert row["start_year"] == 2020 and row["status"] == "active"


def test_partnerships_filtered_by_kommune_goal_and_kind(client, oslo_published, bergen_published):
    assert [r["title"] for r in client.get("/api/partnerships", {"kommune": "3201"}).json()] == [oslo_published.title]
    assert [r["title"] for r in client.get("/api/partnerships", {"goal": 14}).json()] == [bergen_published.title]
    by_kind = {r["title"] for r in client.get("/api/partnerships", {"kind": "academia"}).json()}
    assert by_kind == {oslo_published.title, bergen_published.title}


def test_partnerships_csv_matches_the_json(client, oslo_published, bergen_published):
    json_rows = client.get("/api/partnerships").json()
    response = client.get("/api/partnerships.csv")
    assert 'filename="lokalagenda_partnerships.csv"' in response["Content-Disposition"]
    table = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["title"] for row in table] == [row["title"] for row in json_rows]
    oslo = next(row for row in table if row["title"] == oslo_published.title)
    assert oslo["goals"] == "7;11;13" and oslo["kommuner"] == "3201" and oslo["published"] == "True"


def test_csv_cells_that_look_like_formulas_are_neutralised(client, oslo, oslo_editor):
    from lokalagenda.partnerships.services import save_partner

    save_partner(oslo_editor, oslo, None, name="=HYPERLINK(\"http://x\")", kind="business")
    table = list(csv.DictReader(io.StringIO(client.get("/api/partners.csv").content.decode())))
    assert table[0]["name"].startswith("'=")
