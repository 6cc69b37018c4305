import pytest
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


def test_openapi_document_is_valid(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    document = response.json()
    validate(document)
    assert {"/api/goals", "/api/targets/{code}", "/api/kommuner/{number}", "/api/fylker"} <= set(document["paths"])


def test_goals_targets_and_indicators(client):
    goals = client.get("/api/goals").json()
    assert len(goals) == 17 and goals[6]["short_nb"] == "Ren energi til alle" and goals[0]["colour"] == "#E5243B"
    assert len(client.get("/api/targets").json()) == 169
    assert len(client.get("/api/targets", {"goal": 6}).json()) == 8
    target = client.get("/api/targets/1.3").json()
    assert target["goal"] == 1 and target["nb_machine_translated"] is False
    assert target["nb_text_state"] == target["nn_text_state"] == "unofficial" and target["title_nn"]
    known_wrong = client.get("/api/targets/1.a").json()
    assert known_wrong["nb_quality_flag"].startswith("duplicate_nb_text")
    assert known_wrong["title_nb"] and known_wrong["title_nb"] != client.get("/api/targets/1.5").json()["title_nb"]
    assert len(client.get("/api/indicators").json()) == 252
    assert client.get("/api/indicators/11.6.1").json()["target"] == "11.6"


def test_kommuner_and_fylker(client):
    oslo = client.get("/api/kommuner/0301").json()
    assert oslo["name"] == "Oslo" and oslo["sami_name"] == "Oslove" and oslo["fylke"] == "03"
    assert len(client.get("/api/kommuner").json()) == 357
    assert len(client.get("/api/kommuner", {"fylke": "46"}).json()) == 43
    assert [k["number"] for k in client.get("/api/kommuner", {"q": "tromsø"}).json()] == ["5501"]
    assert len(client.get("/api/fylker").json()) == 15
    population = client.get("/api/kommuner/0301/population").json()
    assert {"year": 2024, "total": 717710} in population


def test_unknown_items_are_404(client):
    assert client.get("/api/kommuner/9999").status_code == 404
    assert client.get("/api/goals/18").status_code == 404
    assert client.get("/api/targets/99.9").status_code == 404
