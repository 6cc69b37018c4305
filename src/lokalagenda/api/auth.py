"""Who a request acts as: a logged-in session, or a script's token (``Authorization: Bearer prefix.secret``).

A token acts for its user in one organisation, within its scopes (``accounts.tokens``). Writes of indicator values
take a token with ``observations:write``; writes of the materiality assessment a token with ``materiality:write``
or the session (``api.materiality``). Reads that show drafts to members (priorities, plans, practices,
partnerships, the materiality assessment) take an optional token: with ``read`` it shows that one organisation's
drafts, as its members see them on the pages, and never those of the user's other organisations. A wrong token is
401 and a token without ``read`` 403, rather than a silent answer with the published rows only.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer

from lokalagenda.accounts.models import ApiToken, Organisation
from lokalagenda.accounts.permissions import can_read_unpublished
from lokalagenda.accounts.tokens import authenticate
from lokalagenda.api.schemas import ErrorOut

Rows = TypeVar("Rows", bound=QuerySet[Any])


class TokenAuth(HttpBearer):
    """A required token: none or a wrong one is 401; each operation checks the scope it needs."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        return authenticate(token)


class ReadToken(HttpBearer):
    """An optional token with the ``read`` scope; without the header the next callback (the session) answers."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken:
        found = authenticate(token)
        if found is None:
            raise AuthenticationError()
        if ApiToken.Scope.READ not in found.scopes:
            raise HttpError(403, "This token may not read unpublished data (it lacks the read scope).")
        return found


def _session(request: HttpRequest) -> Any:
    """No token: whoever the session says, anonymous included (a user object is always truthy)."""
    return request.user


def draft_read(responses: dict[int, Any] | None = None, openapi_extra: dict[str, Any] | None = None
               ) -> dict[str, Any]:
    """The keyword arguments of a read that shows drafts to members: the optional read token (``{}`` in its
    OpenAPI ``security``: no credentials at all is fine too), and the 401 and 403 a token can get."""
    return {"auth": [ReadToken(), _session], "response": {**(responses or {}), 401: ErrorOut, 403: ErrorOut},
            "openapi_extra": {**(openapi_extra or {}), "security": [{}]}}


def sees_drafts_of(request: HttpRequest, organisation: Organisation) -> bool:
    """Whether the request may read the organisation's drafts: a token of that organisation (``ReadToken`` has
    checked its ``read`` scope), or a session user who is a member (``can_read_unpublished``)."""
    token = getattr(request, "auth", None)
    if isinstance(token, ApiToken):
        return token.organisation_id == organisation.pk
    return can_read_unpublished(request.user, organisation)


def visible(rows: Rows, request: HttpRequest) -> Rows:
    """The rows the request may read: published ones, plus the drafts of the token's organisation or of the
    session user's organisations (``visible_to`` of the model's queryset)."""
    token = getattr(request, "auth", None)
    if isinstance(token, ApiToken):
        return rows.published() | rows.filter(organisation=token.organisation)  # type: ignore[attr-defined]
    return rows.visible_to(request.user)  # type: ignore[attr-defined]
