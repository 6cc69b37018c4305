"""API fuzzing: schemathesis generates requests from /api/openapi.json for every read operation and checks the
answers: no 5xx, the status code is one the schema documents, and the body conforms to the documented schema.
Requests that fit the schema (positive) and requests that break it (negative: ``year_to=abc``, a goal of 18, a
missing parameter) are both sent; a broken one must be answered with the documented 422 body (issue 15, item 14:
django-ninja's 422 once sent ``detail`` as a list while the schema said string).

The database holds the reference bundle and a measured run of the real vaccination series, so the operations
answer with data. Everything runs in one test (one import and one measurement run); each operation gets a fixed
number of examples of each kind with a derandomised (reproducible) generator, and the failures of all operations
are reported together, each with the request that caused it. Offline: the requests go to the WSGI app in process.

Writes are fuzzed with credentials, so their bodies are read: ``POST /api/observations`` with an Oslo token that may
write values, ``PUT /api/kommuner/0301/priorities`` and ``PUT /api/fylker/46/priorities`` with an Oslo editor's
session and CSRF token (Oslo's own priorities, and another organisation's, refused with 403 once the body
validated), and the materiality assessment's writes with an Oslo token that may write it (Vestland's refused with 403).
Who may write what is proven per actor by the permissions matrix (tests/web/test_permissions_matrix.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from lokalagenda.accounts.models import Organisation
from lokalagenda.accounts.tokens import issue_token
from lokalagenda.indicators.services import import_file
from tests.fixtures import MEASURE_YEAR

pytestmark = pytest.mark.django_db
#: Examples per operation and kind: some 700 requests in all.
EXAMPLES = {GenerationMode.POSITIVE: 10, GenerationMode.NEGATIVE: 10}
#: What makes a parameter breakable: a type other than text, or a constraint on the text.
CONSTRAINTS = {"maxLength", "minLength", "pattern", "enum", "format", "minimum", "maximum"}
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


@pytest.fixture
def measured(scored_values: Any) -> None:
    import_file(scored_values)
    call_command("measure", year=MEASURE_YEAR, verbosity=0)


@pytest.fixture
def wsgi_app() -> Iterator[WSGIHandler]:
    """The site as a WSGI app on the test's connection: like Django's test client, it must not close the
    connection (and with it the test's transaction) when a request starts or finishes."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _fuzz(operation: Any, mode: GenerationMode, **fixed: Any) -> str | None:
    """Run the operation's examples of one kind (``fixed``: the path parameters, headers and cookies not to
    generate); the first failure as text, or None."""

    @given(case=operation.as_strategy(generation_mode=mode, **fixed))
    @settings(max_examples=EXAMPLES[mode], derandomize=True, deadline=None, database=None,
              suppress_health_check=list(HealthCheck), print_blob=False)
    def run(case: Any) -> None:
        case.call_and_validate(checks=CHECKS)

    try:
        run()
    except Exception as failure:  # noqa: BLE001 - every kind of failure is reported with its operation
        return f"{operation.method.upper()} {operation.path} ({mode.value}): {failure}"
    return None


def _modes(operation: Any) -> list[GenerationMode]:
    """Positive cases for every operation; negative ones where a parameter can be broken (schemathesis finds no
    negative case for free text, and would spend seconds looking)."""
    for parameter in operation.definition.raw.get("parameters", []):
        variants = parameter["schema"].get("anyOf", [parameter["schema"]])
        if any(variant.get("type", "string") not in {"string", "null"} or CONSTRAINTS & set(variant)
               for variant in variants):
            return [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]
    return [GenerationMode.POSITIVE]


def test_every_read_operation_survives_fuzzing(measured: None, wsgi_app: WSGIHandler) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", wsgi_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    reads = [operation for operation in operations if operation.method.upper() not in WRITE_METHODS]
    assert len(reads) > 20, "the schema lost its operations"
    failures = [failure for operation in reads for mode in _modes(operation) if (failure := _fuzz(operation, mode))]
    assert sum(GenerationMode.NEGATIVE in _modes(operation) for operation in reads) > 10, "few breakable reads"
    assert not failures, "\n\n".join(failures)


#: The CSRF secret of the fuzzed session: Django takes the unmasked 32-character secret in the header as well.
CSRF_SECRET = "fuzzingfuzzingfuzzingfuzzingfuzz"


def _credentials(oslo_editor: Any) -> dict[str, dict[str, Any]]:
    """The fixed parts of each write's requests: the Oslo editor's session and CSRF token, or an Oslo token."""
    client = Client()
    client.force_login(oslo_editor)
    session = {"cookies": {"sessionid": client.cookies["sessionid"].value, "csrftoken": CSRF_SECRET},
               "headers": {"X-CSRFToken": CSRF_SECRET}}
    _token, secret = issue_token(oslo_editor, Organisation.objects.get(slug="kommune-0301"), "fuzz",
                                 ["observations:write", "materiality:write"])
    token = {"headers": {"Authorization": f"Bearer {secret}"}}
    materiality = {f"{method} /api/{place}/{{number}}/materiality/{{target}}": {
        **token, "path_parameters": {"number": number}} for method in ("PUT", "DELETE")
        for place, number in (("kommuner", "0301"), ("fylker", "46"))}
    return {
        "PUT /api/kommuner/{number}/priorities": {**session, "path_parameters": {"number": "0301"}},
        "PUT /api/fylker/{number}/priorities": {**session, "path_parameters": {"number": "46"}},
        "POST /api/observations": token,
        **materiality,
        "POST /api/kommuner/{number}/materiality/publish": {**token, "path_parameters": {"number": "0301"}},
        "POST /api/fylker/{number}/materiality/publish": {**token, "path_parameters": {"number": "46"}},
    }


def _write_modes(operation: Any, fixed: dict[str, Any]) -> list[GenerationMode]:
    """Negative cases need something to break: a body, or a parameter the credentials do not fix (publishing an
    assessment has neither)."""
    given = set(fixed.get("path_parameters", {}))
    free = [parameter for parameter in operation.definition.raw.get("parameters", []) if parameter["name"] not in given]
    return list(EXAMPLES) if free or "requestBody" in operation.definition.raw else [GenerationMode.POSITIVE]


def test_every_write_operation_survives_fuzzing(oslo_editor: Any, wsgi_app: WSGIHandler) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", wsgi_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    writes = {f"{operation.method.upper()} {operation.path}": operation for operation in operations
              if operation.method.upper() in WRITE_METHODS}
    credentials = _credentials(oslo_editor)
    assert set(writes) == set(credentials), "a write operation was added: give it credentials here"
    failures = [failure for name, operation in writes.items() for mode in _write_modes(operation, credentials[name])
                if (failure := _fuzz(operation, mode, **credentials[name]))]
    assert not failures, "\n\n".join(failures)
