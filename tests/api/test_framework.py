import pytest

pytestmark = pytest.mark.django_db


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


def test_unknown_goals_and_targets_are_404(client):
    assert client.get("/api/goals/18").status_code == 404
    assert client.get("/api/targets/99.9").status_code == 404
