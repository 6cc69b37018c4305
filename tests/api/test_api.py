import pytest
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


def test_openapi_document_is_valid(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    document = response.json()
    validate(document)
    assert {"/api/goals", "/api/targets/{code}", "/api/kommuner/{number}", "/api/fylker"} <= set(document["paths"])


def test_operation_ids_are_unique_and_keep_the_names_clients_were_generated_with(client):
    """The operations moved out of ``api.api`` into routers keep the operationIds django-ninja gave them there."""
    document = client.get("/api/openapi.json").json()
    ids = {f"{method.upper()} {path}": operation["operationId"]
           for path, operations in document["paths"].items() for method, operation in operations.items()}
    assert len(set(ids.values())) == len(ids)
    assert ids["GET /api/goals"] == "lokalagenda_api_api_list_goals"
    assert ids["GET /api/kommuner/{number}/population"] == "lokalagenda_api_api_kommune_population"
    assert ids["PUT /api/fylker/{number}/priorities"] == "lokalagenda_api_api_put_fylke_priorities"
    assert ids["GET /api/catalogue/{indicator_id}"] == "lokalagenda_api_api_get_catalogue_indicator"
    assert ids["GET /api/networks"] == "lokalagenda_api_networks_list_networks"
