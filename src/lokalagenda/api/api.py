"""The REST API at /api/ with its OpenAPI schema at /api/openapi.json: this module builds it, installs the error
handlers and adds one router per domain (``api.framework``, ``api.places``, ``api.priorities``, ``api.catalogue``,
``api.observations`` and the others below), where the operations are.

Reads are public for published data; drafts show to the owning organisation's members, through a session or a
token with the ``read`` scope (``api.auth``). Writes need a logged-in session (with its CSRF token) and the right
role in the owning organisation, or, for indicator values, a token with the ``observations:write`` scope. Every
input is bounded in its schema (``api.params``). Every error is ``{"detail": "…"}``, and a 422 adds the ``errors``
of each input; the OpenAPI document declares the 422 on every operation that takes input (``api.errors``).
"""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI

from lokalagenda.api.errors import declare_input_errors, install


class LokalagendaAPI(NinjaAPI):
    """django-ninja's API with one error shape: the 422 declared on every operation that takes input, the 400 on
    every operation with a body."""

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None,
                           ) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return declare_input_errors(schema)


api = LokalagendaAPI(
    title="Lokalagenda API", version="0.1.0", urls_namespace="api",
    description="The SDG framework, Norway's kommuner and fylker, and what kommuner publish about their work. "
                "Every error answers `{\"detail\": \"…\"}`; a 422 also lists `errors`, one `{loc, msg, type}` per "
                "input that did not validate.",
)
install(api)

api.add_router("/", "lokalagenda.api.framework.router")
api.add_router("/", "lokalagenda.api.places.router")
api.add_router("/", "lokalagenda.api.priorities.router")
api.add_router("/", "lokalagenda.api.catalogue.router")
api.add_router("/", "lokalagenda.api.observations.router")
api.add_router("/", "lokalagenda.api.exports.router")
api.add_router("/", "lokalagenda.api.measurement.router")
api.add_router("/", "lokalagenda.api.relevance.router")
api.add_router("/", "lokalagenda.api.partnerships.router")
api.add_router("/", "lokalagenda.api.plans.router")
api.add_router("/", "lokalagenda.api.practices.router")
api.add_router("/", "lokalagenda.api.networks.router")
api.add_router("/", "lokalagenda.api.rollup.router")
api.add_router("/", "lokalagenda.api.materiality.router")
