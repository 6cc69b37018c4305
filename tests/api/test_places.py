import pytest

pytestmark = pytest.mark.django_db


def test_kommuner_and_fylker(client):
    oslo = client.get("/api/kommuner/0301").json()
    assert oslo["name"] == "Oslo" and oslo["sami_name"] == "Oslove" and oslo["fylke"] == "03"
    assert len(client.get("/api/kommuner").json()) == 357
    assert len(client.get("/api/kommuner", {"fylke": "46"}).json()) == 43
    assert [k["number"] for k in client.get("/api/kommuner", {"q": "tromsø"}).json()] == ["5501"]
    assert len(client.get("/api/fylker").json()) == 15
    population = client.get("/api/kommuner/0301/population").json()
    assert {"year": 2024, "total": 717710} in population


def test_an_unknown_kommune_is_404(client):
    assert client.get("/api/kommuner/9999").status_code == 404
