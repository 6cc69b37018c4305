"""``GET /api/relevance``: the targets' local relevance for scripts and other apps."""

import pytest

from lokalagenda.framework.models import TargetRelevance
from lokalagenda.framework.relevance import locally_relevant_targets
from lokalagenda.framework.relevance.queries import relevance_summary

pytestmark = pytest.mark.django_db


def test_api_lists_the_relevance_of_every_target(client):
    rows = client.get("/api/relevance").json()
    assert len(rows) == 169 and rows[0]["target"] == "1.1"
    water = next(row for row in rows if row["target"] == "6.1")
    stored = TargetRelevance.objects.get(target="6.1")
    assert water["kommune"] == stored.kommune and water["rationale"] == stored.rationale
    assert "vann_avlop" in water["service_areas"] and water["origin"] == "seed" and water["goal"] == 6


def test_api_lists_the_locally_relevant_targets_as_the_function_does(client):
    rows = client.get("/api/relevance", {"level": "fylkeskommune", "minimum": "medium"}).json()
    assert [row["target"] for row in rows] == locally_relevant_targets("fylkeskommune", "medium")


def test_api_filters_by_goal(client):
    rows = client.get("/api/relevance", {"goal": 6}).json()
    assert [row["target"] for row in rows][:2] == ["6.1", "6.2"] and len(rows) == 8


def test_api_summary_equals_the_stored_counts(client):
    summary = client.get("/api/relevance/summary").json()
    stored = relevance_summary()
    assert summary["targets"] == 169
    assert summary["kommune"]["relevant"] == stored.kommune.relevant == len(locally_relevant_targets())
    assert summary["fylkeskommune"]["high"] == TargetRelevance.objects.filter(fylkeskommune="high").count()


def test_api_one_target_and_errors(client):
    assert client.get("/api/relevance/11.5").json()["target"] == "11.5"
    assert client.get("/api/relevance/99.9").status_code == 404
    assert client.get("/api/relevance", {"minimum": "some"}).status_code == 422
