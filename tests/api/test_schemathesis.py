"""API fuzzing: schemathesis generates requests from /api/openapi.json for every read operation and checks the
answers: no 5xx, the status code is one the schema documents, and the body conforms to the documented schema.

The database holds the reference bundle and a measured run of the real vaccination series, so the operations
answer with data. Everything runs in one test (one import and one measurement run); each operation gets a fixed
number of examples with a derandomised (reproducible) generator, and the failures of all operations are reported
together, each with the request that caused it.

Writes (``POST /api/observations`` with a token, ``PUT /api/kommuner|fylker/{number}/priorities`` with a session) are
not fuzzed here: without credentials every generated request is refused with 401 before the body is read, which
the permissions matrix (tests/web/test_permissions_matrix.py) proves per actor; their bodies are checked by the
write tests of each app.
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
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from lokalagenda.indicators.services import import_file
from tests.fixtures import MEASURE_YEAR

pytestmark = pytest.mark.django_db
EXAMPLES_PER_OPERATION = 20
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


def _fuzz(operation: Any) -> str | None:
    """Run the operation's examples; the first failure as text, or None."""

    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES_PER_OPERATION, derandomize=True, deadline=None, database=None,
              suppress_health_check=list(HealthCheck), print_blob=False)
    def run(case: Any) -> None:
        case.call_and_validate(checks=CHECKS)

    try:
        run()
    except Exception as failure:  # noqa: BLE001 - every kind of failure is reported with its operation
        return f"{operation.method.upper()} {operation.path}: {failure}"
    return None


def test_every_read_operation_survives_fuzzing(measured: None, wsgi_app: WSGIHandler) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", wsgi_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    reads = [operation for operation in operations if operation.method.upper() not in WRITE_METHODS]
    assert len(reads) > 20, "the schema lost its operations"
    failures = [failure for failure in map(_fuzz, reads) if failure is not None]
    assert not failures, "\n\n".join(failures)
