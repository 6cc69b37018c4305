"""Every 422 the API sends has the shape its OpenAPI document declares (issue 15, item 14): ``detail`` a sentence,
``errors`` one ``{loc, msg, type}`` per input. django-ninja's own validation errors once sent ``detail`` as a list
while the schema declared a string."""

import json

import jsonschema
import pytest

from lokalagenda.api.api import api

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def openapi():
    return json.loads(json.dumps(api.get_openapi_schema()))


def _declared(openapi, method, path, status):
    """The response schema the document declares, as a JSON Schema that resolves its own references."""
    response = openapi["paths"][path][method]["responses"][str(status)]
    return {**response["content"]["application/json"]["schema"], "components": openapi["components"]}


def _assert_conforms(openapi, response, method, path):
    assert response.status_code == 422, response.content
    body = response.json()
    jsonschema.validate(body, _declared(openapi, method, path, 422))
    assert isinstance(body["detail"], str) and body["errors"]
    assert all(set(error) == {"loc", "msg", "type"} for error in body["errors"]), body
    return body


@pytest.mark.parametrize(("url", "path", "loc"), [
    ("/api/compare?run=abc", "/api/compare", ["query", "run"]),
    ("/api/export?year_to=abc", "/api/export", ["query", "year_to"]),
    ("/api/observations?year_to=abc", "/api/observations", ["query", "year_to"]),
])
def test_a_parameter_that_does_not_parse_is_a_422_in_the_declared_shape(client, openapi, url, path, loc):
    body = _assert_conforms(openapi, client.get(url), "get", path)
    assert body["errors"][0]["loc"] == loc and body["errors"][0]["type"] == "int_parsing"
    assert body["detail"].startswith(f"Invalid input: {'.'.join(loc)}: ")


def test_the_operations_own_refusals_are_in_the_same_shape(client, openapi):
    compare = _assert_conforms(openapi, client.get("/api/compare", {"kommune": "0301"}), "get", "/api/compare")
    assert compare["errors"][0]["loc"] == ["query", "kommune"] and "2 to 5" in compare["detail"]
    observations = _assert_conforms(openapi, client.get("/api/observations"), "get", "/api/observations")
    assert observations["detail"] == "Give an indicator, a place or both."
    _assert_conforms(openapi, client.get("/api/export"), "get", "/api/export")


def test_an_unknown_target_in_priorities_names_the_field(client, openapi, oslo_editor):
    client.force_login(oslo_editor)
    response = client.put("/api/kommuner/0301/priorities", json.dumps({"targets": ["99.9"]}),
                          content_type="application/json")
    body = _assert_conforms(openapi, response, "put", "/api/kommuner/{number}/priorities")
    assert body["errors"] == [{"loc": ["body", "targets"], "msg": "Unknown targets: 99.9", "type": "unknown_code"}]


def test_every_operation_that_takes_input_declares_the_422(openapi):
    missing = []
    for path, operations in openapi["paths"].items():
        for method, operation in operations.items():
            takes_input = bool(operation.get("parameters") or operation.get("requestBody"))
            response = operation["responses"].get("422")
            schema = response and _declared(openapi, method, path, 422)
            if takes_input and not schema:
                missing.append(f"{method.upper()} {path}")
            elif schema:
                # The declared body accepts the shape every 422 has, and refuses the old list in detail.
                jsonschema.validate({"detail": "x", "errors": [{"loc": ["query", "q"], "msg": "x", "type": "t"}]},
                                    schema)
                with pytest.raises(jsonschema.ValidationError):
                    jsonschema.validate({"detail": [{"loc": ["query"], "msg": "x", "type": "t"}]}, schema)
    assert not missing, missing


@pytest.mark.parametrize(("url", "path", "loc"), [
    ("/api/compare?kommune=0301&kommune=%00", "/api/compare", ["query", "kommune"]),
    ("/api/observations?indicator=POP%00", "/api/observations", ["query", "indicator"]),
    ("/api/targets/1.1%00", "/api/targets/{code}", ["path", "code"]),
])
def test_text_with_a_nul_character_is_a_422_never_a_500(client, openapi, url, path, loc):
    """PostgreSQL refuses NUL in text with an error; the fuzzer found the 500 on GET /api/compare."""
    body = _assert_conforms(openapi, client.get(url), "get", path)
    assert body["errors"][0]["loc"] == loc and body["errors"][0]["type"] == "nul_character"


def test_a_nul_character_in_a_body_is_a_422(client, openapi, oslo_editor):
    client.force_login(oslo_editor)
    response = client.put("/api/kommuner/0301/priorities", json.dumps({"statement": "Klima\u0000"}),
                          content_type="application/json")
    body = _assert_conforms(openapi, response, "put", "/api/kommuner/{number}/priorities")
    assert body["errors"][0]["loc"] == ["body", "payload"]
