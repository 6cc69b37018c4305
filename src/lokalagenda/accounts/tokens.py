"""API tokens: made for a user in one organisation with scopes (``observations:write`` to import indicator values,
``read`` to read that organisation's drafts, ``materiality:write`` to change and publish its materiality
assessment), checked on every API request that sends one (``api.auth``)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from lokalagenda.accounts.models import ApiToken, Organisation
from lokalagenda.accounts.permissions import can_edit, require_editor
from lokalagenda.accounts.services import audit

PREFIX_LENGTH = 8


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def issue_token(user: Any, organisation: Organisation, name: str, scopes: list[str]) -> tuple[ApiToken, str]:
    """A new token and its secret (``prefix.secret``), which is shown once and stored only as a hash; raises
    ``PermissionDenied`` unless the user edits the organisation."""
    require_editor(user, organisation, _("Only editors of an organisation can make tokens for it."))
    unknown = set(scopes) - set(ApiToken.Scope.values)
    if unknown:
        raise ValueError(f"unknown scopes: {', '.join(sorted(unknown))}")
    prefix = secrets.token_hex(PREFIX_LENGTH // 2)
    secret = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, organisation=organisation, name=name, prefix=prefix,
                                    secret_hash=_hash(secret), scopes=sorted(scopes))
    audit(user, "create", token, None, {"name": name, "scopes": token.scopes, "prefix": prefix},
          organisation=organisation)
    return token, f"{prefix}.{secret}"


def authenticate(value: str) -> ApiToken | None:
    """The live token for a ``prefix.secret`` value, or None; the user must still edit the organisation."""
    prefix, _dot, secret = value.partition(".")
    token = ApiToken.objects.select_related("user", "organisation").filter(prefix=prefix, revoked=False).first()
    if token is None or not hmac.compare_digest(token.secret_hash, _hash(secret)):
        return None
    if not token.user.is_active or not can_edit(token.user, token.organisation):
        return None
    ApiToken.objects.filter(id=token.id).update(last_used_at=timezone.now())
    return token
