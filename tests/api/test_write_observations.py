"""Writing indicator values through the API with a token: scoped, owned, all or nothing."""

import pytest
from django.core.management import call_command

from lokalagenda.accounts.models import Organisation
from lokalagenda.accounts.tokens import issue_token
from lokalagenda.indicators.catalogue import create_local_indicator
from lokalagenda.indicators.models import Observation

pytestmark = pytest.mark.django_db
URL = "/api/observations"


@pytest.fixture
def oslo(db):
    return Organisation.objects.get(slug="kommune-0301")


@pytest.fixture
def local(oslo, oslo_editor):
    return create_local_indicator(oslo, oslo_editor, targets=["11.6"], name_nb="Luftkvalitet", unit="µg/m3",
                                  direction="lower", aggregation="none")


def _post(client, secret, rows, source="script"):
    return client.post(URL, {"source": source, "rows": rows}, content_type="application/json",
                       HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_token_with_write_scope_imports_its_own_indicator(client, oslo, oslo_editor, local):
    _token, secret = issue_token(oslo_editor, oslo, "måler", ["observations:write"])
    response = _post(client, secret, [{"indicator": local.id, "place": "0301", "year": 2024, "value": 21.5}])
    assert response.status_code == 200 and response.json()["revisions"][0]["added"] == 1
    observation = Observation.objects.get(indicator=local)
    assert observation.value == 21.5 and observation.revision.source == "script"
    assert observation.revision.created_by == oslo_editor


def test_problems_come_back_with_row_and_nothing_is_stored(client, oslo, oslo_editor, local):
    _token, secret = issue_token(oslo_editor, oslo, "måler", ["observations:write"])
    response = _post(client, secret, [{"indicator": local.id, "place": "0301", "year": 2024, "value": 1},
                                      {"indicator": local.id, "place": "9999", "year": 2024, "value": 2}])
    assert response.status_code == 422 and response.json()["problems"][0]["row"] == 2
    assert not Observation.objects.exists()


def test_token_cannot_write_another_organisations_indicator(client, bergen_editor, local):
    bergen = Organisation.objects.get(slug="kommune-4601")
    _token, secret = issue_token(bergen_editor, bergen, "kapring", ["observations:write"])
    response = _post(client, secret, [{"indicator": local.id, "place": "0301", "year": 2024, "value": 1}])
    assert response.status_code == 422 and "may not import" in response.json()["problems"][0]["message"]
    assert not Observation.objects.exists()


def test_read_scope_cannot_write_and_bad_tokens_are_refused(client, oslo, oslo_editor, local):
    _token, secret = issue_token(oslo_editor, oslo, "les", ["read"])
    rows = [{"indicator": local.id, "place": "0301", "year": 2024, "value": 1}]
    assert _post(client, secret, rows).status_code == 403
    assert _post(client, secret.split(".")[0] + ".wrong", rows).status_code == 401
    assert client.post(URL, {"source": "x", "rows": rows}, content_type="application/json").status_code == 401


def test_token_stops_working_when_the_user_loses_the_editing_role(client, oslo, oslo_editor, local):
    _token, secret = issue_token(oslo_editor, oslo, "måler", ["observations:write"])
    oslo_editor.memberships.update(role="viewer")
    response = _post(client, secret, [{"indicator": local.id, "place": "0301", "year": 2024, "value": 1}])
    assert response.status_code == 401


def test_create_token_command_prints_the_secret_once(capsys, oslo_editor):
    call_command("create_token", user="oslo-editor", organisation="kommune-0301", scope=["observations:write"])
    output = capsys.readouterr().out
    assert "Bearer" in output and "." in output.splitlines()[1]
