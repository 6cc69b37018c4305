"""Who may read unpublished data of, write to and publish for an organisation.

One place for the rules so views, the API and services agree. Superusers may do everything; members of the
national organisation with an editing role may edit national reference texts and publish the national level's
good practices; everyone else only what belongs to their own organisation, where its admins publish.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

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


def can_publish(user: Any, organisation: Organisation) -> bool:
    """Who approves and publishes an organisation's good practices: its admins (and superusers); for the
    national level, its editors too, since national editors curate what is published in the country's name."""
    if getattr(user, "is_superuser", False):
        return True
    return Membership.objects.for_user(user).publishing().filter(organisation=organisation).exists()


def publishers(organisation: Organisation) -> list[Any]:
    """The active users who may publish for the organisation through their membership (see ``can_publish``),
    by name. Superusers are left out: they operate the site and are not whom an editor waits for."""
    memberships = (Membership.objects.filter(organisation=organisation, user__is_active=True).publishing()
                   .select_related("user"))
    users = [membership.user for membership in memberships]
    return sorted(users, key=lambda user: (user.get_full_name() or user.username).casefold())


def publishing_organisations(user: Any) -> QuerySet[Organisation]:
    """The organisations whose practices the user publishes through a membership (``can_publish``)."""
    return Organisation.objects.filter(memberships__in=Membership.objects.for_user(user).publishing()).distinct()


def editable_organisations(user: Any, kind: str | None = None) -> QuerySet[Organisation]:
    """The organisations the user edits through an editing membership (``can_edit``), optionally of one kind;
    for links to the user's own create pages (a superuser's rights on every organisation are not listed)."""
    organisations = Organisation.objects.filter(memberships__in=Membership.objects.for_user(user).editing())
    if kind is not None:
        organisations = organisations.filter(kind=kind)
    return organisations.distinct()
