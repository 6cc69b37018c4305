"""Writes of the accounts app: the audit log and the demo accounts. The organisations of every kommune and fylke
are made with the reference data (``reference.services.ensure_public_organisations``), since they need ``places``."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.forms.models import model_to_dict

from lokalagenda.accounts.models import AuditEntry, Membership, Organisation

NATIONAL_SLUG = "nasjonalt"


def snapshot(instance: Any, fields: list[str] | None = None) -> dict[str, Any]:
    """A JSON-safe picture of a model instance for the audit log."""
    values = model_to_dict(instance, fields=fields)
    return {key: _json_safe(value) for key, value in values.items()}


def _json_safe(value: Any) -> Any:
    if isinstance(value, list):
        return [_json_safe(item) for item in value]
    if hasattr(value, "pk"):
        return value.pk
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def audit(
    user: Any, action: str, instance: Any, before: dict[str, Any] | None, after: dict[str, Any] | None,
    organisation: Organisation | None = None,
) -> AuditEntry:
    """Record one write in the audit log."""
    return AuditEntry.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        organisation=organisation,
        action=action,
        model=instance._meta.label,
        object_pk=str(instance.pk),
        before=before,
        after=after,
    )


def save_audited(
    user: Any, instance: Any, fields: Sequence[str], organisation: Organisation | None, *,
    values: Mapping[str, Any] | None = None, relations: Mapping[str, Iterable[Any]] | None = None,
    validate: bool = True,
) -> Any:
    """Apply ``values`` (strings stripped), validate, save, set the many-to-many ``relations``, and audit the
    create or the real change of ``fields``. Call it inside the caller's transaction.

    The "before" picture is read from the database, not from ``instance``: a bound ModelForm or the caller may
    already have changed the instance in memory. An unchanged save writes no audit entry.
    """
    created = instance.pk is None
    before = None if created else snapshot(type(instance)._default_manager.get(pk=instance.pk), list(fields))
    for name, value in (values or {}).items():
        setattr(instance, name, value.strip() if isinstance(value, str) else value)
    if validate:
        instance.full_clean()
    instance.save()
    for name, items in (relations or {}).items():
        getattr(instance, name).set(items)
    after = snapshot(instance, list(fields))
    if before != after:
        audit(user, "create" if created else "update", instance, before, after, organisation=organisation)
    return instance


@dataclass(frozen=True)
class DemoAccount:
    username: str
    organisation_slug: str | None
    role: str
    description: str
    superuser: bool = False


DEMO_ACCOUNTS = (
    DemoAccount("admin", None, "", "superuser (Django admin at /admin/)", superuser=True),
    DemoAccount("nasjonal", NATIONAL_SLUG, "editor",
                "national editor: corrects SDG texts, publishes the national level's good practices"),
    DemoAccount("oslo", "kommune-0301", "editor", "editor of Oslo kommune"),
    DemoAccount("bergen", "kommune-4601", "editor", "editor of Bergen kommune"),
    DemoAccount("oslo-admin", "kommune-0301", "admin", "admin of Oslo kommune: publishes its good practices"),
    DemoAccount("bergen-admin", "kommune-4601", "admin", "admin of Bergen kommune: publishes its good practices"),
    DemoAccount("leser", "kommune-0301", "viewer", "viewer in Oslo kommune"),
)


@transaction.atomic
def create_demo_accounts() -> list[tuple[str, str]]:
    """Create or reset the demo users with new random passwords; returns (username, password) pairs."""
    users = get_user_model()
    created = []
    for spec in DEMO_ACCOUNTS:
        organisation = None
        if spec.organisation_slug:
            organisation = Organisation.objects.filter(slug=spec.organisation_slug).first()
            if organisation is None:
                raise LookupError(f"The organisation {spec.organisation_slug!r} does not exist.")
        user, _ = users.objects.get_or_create(username=spec.username)
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.is_staff = user.is_superuser = spec.superuser
        user.save()
        if organisation is not None:
            Membership.objects.update_or_create(user=user, organisation=organisation, defaults={"role": spec.role})
        created.append((spec.username, password))
    return created
