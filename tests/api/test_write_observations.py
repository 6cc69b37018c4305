"""Writing indicator values through the API with a token: scoped, owned, all or nothing."""

import json

import pytest
from django.core.management import call_command

from lokalagenda.accounts.models import Organisation
from lokalagenda.accounts.tokens import issue_token
from lokalagenda.indicators.catalogue import create_local_indicator
from lokalagenda.indicators.models import ImportJob, Indicator, Observation

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
    body = response.json()
    assert response.status_code == 422 and body["problems"][0]["row"] == 2
    assert body["errors"][0]["loc"][:3] == ["body", "rows", 1] and body["errors"][0]["type"] == "row_problem"
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


def _post_raw(client, secret, text):
    """Post a body as written: Python's json accepts the bare literals NaN and Infinity, so a script can send them."""
    return client.post(URL, text, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {secret}")


def _strict_json(response):
    def refuse(literal):
        raise ValueError(f"not JSON: {literal}")

    return json.loads(response.content, parse_constant=refuse)


@pytest.mark.parametrize("value", ["Infinity", "-Infinity", "NaN", "1e400"])
def test_a_value_that_is_not_a_finite_number_is_422_and_nothing_is_stored(client, oslo, oslo_editor, local, value):
    """Infinity was once stored, and /api/observations, the JSON-stat export and the open data broke on it."""
    _token, secret = issue_token(oslo_editor, oslo, "måler", ["observations:write"])
    row = f'{{"indicator": "{local.id}", "place": "0301", "year": 2024, "value": {value}}}'
    response = _post_raw(client, secret, f'{{"source": "script", "rows": [{row}]}}')
    assert response.status_code == 422
    assert _strict_json(response)["errors"][0]["loc"][-1] == "value"
    assert not Observation.objects.exists()
    assert _strict_json(client.get(URL, {"indicator": local.id})) == []


@pytest.mark.parametrize("year", ["1e20", str(10**20), str(2**63), "1799", "2101", "-2024"])
def test_an_impossible_year_is_422_and_nothing_is_stored(client, oslo, oslo_editor, local, year):
    """A year such as 1e20 once gave a 500 (OverflowError); the bounds are the file imports' (FIRST_YEAR, LAST_YEAR)."""
    _token, secret = issue_token(oslo_editor, oslo, "måler", ["observations:write"])
    row = f'{{"indicator": "{local.id}", "place": "0301", "year": {year}, "value": 1}}'
    response = _post_raw(client, secret, f'{{"source": "script", "rows": [{row}]}}')
    assert response.status_code == 422
    assert _strict_json(response)["errors"][0]["loc"][-1] == "year"
    assert not Observation.objects.exists()


@pytest.mark.parametrize(("field", "model", "column"), [
    ("indicator", Indicator, "id"), ("place", Observation, "place"), ("unit", Observation, "unit"),
    ("flag", Observation, "flag"), ("disaggregation", Observation, "disaggregation"),
])
def test_row_text_longer_than_its_column_is_422(client, oslo, oslo_editor, local, field, model, column):
    _token, secret = issue_token(oslo_editor, oslo, "måler", ["observations:write"])
    too_long = "x" * (model._meta.get_field(column).max_length + 1)
    row = {"indicator": local.id, "place": "0301", "year": 2024, "value": 1, field: too_long}
    response = _post(client, secret, [row])
    assert response.status_code == 422 and _strict_json(response)["errors"][0]["loc"][-1] == field
    assert too_long not in response.content.decode() and not Observation.objects.exists()


def test_a_source_longer_than_an_uploaded_files_name_is_422(client, oslo, oslo_editor, local):
    _token, secret = issue_token(oslo_editor, oslo, "måler", ["observations:write"])
    limit = ImportJob._meta.get_field("original_name").max_length
    rows = [{"indicator": local.id, "place": "0301", "year": 2024, "value": 1}]
    assert _post(client, secret, rows, source="s" * (limit + 1)).status_code == 422
    assert not Observation.objects.exists()
    assert _post(client, secret, rows, source="s" * limit).status_code == 200
