"""Who may read unpublished data of, and write to, an organisation.

One place for the rules so views, the API and services agree. Superusers may do everything; members of the
national organisation with an editing role may edit national reference texts; everyone else only what
belongs to their own organisation.
"""

from __future__ import annotations

from typing import Any

from lokalagenda.accounts.models import Membership, Organisation


def can_read_unpublished(user: Any, organisation: Organisation) -> bool:
    """Members of the organisation (any role) and superusers see its drafts."""
    if getattr(user, "is_superuser", False):
        return True
    return Membership.objects.for_user(user).filter(organisation=organisation).exists()


def can_edit(user: Any, organisation: Organisation) -> bool:
    """Admins and editors of the organisation, and superusers, may change its data."""
    if getattr(user, "is_superuser", False):
        return True
    return Membership.objects.for_user(user).editing().filter(organisation=organisation).exists()


def is_national_editor(user: Any) -> bool:
    """Admins and editors of a national organisation (and superusers) may correct reference texts."""
    if getattr(user, "is_superuser", False):
        return True
    memberships = Membership.objects.for_user(user).editing()
    return memberships.filter(organisation__kind=Organisation.Kind.NATIONAL).exists()
