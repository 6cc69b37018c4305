"""Who may read unpublished data of, write to and publish for an organisation.

One place for the rules so views, the API and services agree. Superusers may do everything; members of the
national organisation with an editing role may edit national reference texts and publish the national level's
good practices; everyone else only what belongs to their own organisation, where its admins publish.

The lists of "your" organisations (``editable_organisations``, ``publishing_organisations``) come from the
user's memberships only, a superuser's too; the checks of one organisation let a superuser through.

The ``can_*`` and ``is_*`` rules answer a question (for a page's links and buttons); ``require_editor``,
``require_partner_editor`` and ``require_national_editor`` refuse a write in one style, Django's
``PermissionDenied`` with a translated sentence (a view answers it with the 403 page, the API with a 403 whose
``detail`` is the sentence, a command with its error); ``national_editor_required`` does so for a whole view.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Protocol

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from lokalagenda.accounts.models import Membership, Organisation


class OwnedRow(Protocol):
    """A row entered by one organisation, which may be gone (a partner: ``partnerships.Partner``)."""

    @property
    def owner(self) -> Organisation | None: ...


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


def require_editor(user: Any, organisation: Organisation, message: str | None = None) -> None:
    """Raise ``PermissionDenied`` unless the user may change the organisation's data (``can_edit``).

    ``message`` is the translated refusal (``%(organisation)s`` names the organisation); by default a general one.
    """
    if not can_edit(user, organisation):
        text = _("Only editors of %(organisation)s can change its data.") if message is None else message
        raise PermissionDenied(text % {"organisation": organisation})


def can_edit_partner(user: Any, partner: OwnedRow) -> bool:
    """Editors of the organisation that entered the partner, and national editors, may change it."""
    if is_national_editor(user):
        return True
    return partner.owner is not None and can_edit(user, partner.owner)


def require_partner_editor(user: Any, partner: OwnedRow) -> None:
    """Raise ``PermissionDenied`` unless the user may change the partner (``can_edit_partner``)."""
    if not can_edit_partner(user, partner):
        raise PermissionDenied(_("Only editors of the organisation that entered this partner can change it."))


def is_national_editor(user: Any) -> bool:
    """Admins and editors of a national organisation (and superusers) may correct reference texts."""
    if getattr(user, "is_superuser", False):
        return True
    memberships = Membership.objects.for_user(user).editing()
    return memberships.filter(organisation__kind=Organisation.Kind.NATIONAL).exists()


def require_national_editor(user: Any) -> None:
    """Raise ``PermissionDenied`` unless the user is a national editor (``is_national_editor``)."""
    if not is_national_editor(user):
        raise PermissionDenied(_("Only national editors can change this."))


View = Callable[..., HttpResponse]


def national_editor_required(view: View) -> View:
    """A view only national editors may use (403 for everyone else); put it below ``login_required``, so an
    anonymous visitor is sent to log in first."""

    @functools.wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        require_national_editor(request.user)
        return view(request, *args, **kwargs)

    return checked


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
    """The organisations the user edits through an editing membership (``can_edit``), optionally of one kind, in
    the model's order: the choices of the upload page and the links to the user's own create pages.

    A superuser's rights on every organisation are not listed, as in ``publishing_organisations`` and
    ``publishers``: a list offers "your" organisations, and a superuser's are those of their memberships. The
    checks of one organisation (``can_edit``, ``require_editor``) let a superuser through."""
    organisations = Organisation.objects.filter(memberships__in=Membership.objects.for_user(user).editing())
    if kind is not None:
        organisations = organisations.filter(kind=kind)
    return organisations.distinct()
