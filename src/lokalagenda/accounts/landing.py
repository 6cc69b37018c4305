"""Where a signed-in user belongs: the page of their own organisation ("My kommune").

The login sends an editor there, and the navigation links to it. A kommune's people land on the kommune page,
a fylkeskommune's on the fylke page, the national level's on the national overview; a user without such an
organisation (a partner, a superuser without membership) has no own page and lands on the front page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lokalagenda.accounts.models import Membership, Organisation
from lokalagenda.accounts.querysets import EDITING_ROLES


@dataclass(frozen=True)
class PageKind:
    """How the navigation names an organisation's page, and where it is."""

    label: str | Promise
    url: Callable[[Organisation], str]


#: The page of each kind of organisation; partners have none.
PAGES: dict[str, PageKind] = {
    Organisation.Kind.KOMMUNE: PageKind(_("My kommune"), lambda org: reverse("web:kommune", args=[org.kommune_id])),
    Organisation.Kind.FYLKESKOMMUNE: PageKind(_("My organisation"),
                                              lambda org: reverse("places:fylke", args=[org.fylke_id])),
    Organisation.Kind.NATIONAL: PageKind(_("My organisation"), lambda org: reverse("measurement:national")),
}


@dataclass(frozen=True)
class OwnPage:
    organisation: Organisation
    label: str | Promise
    url: str


def own_organisation(user: Any) -> Organisation | None:
    """The organisation the user works for: the first (oldest) membership with an editing role, else the first
    membership of any role, among organisations that have a page."""
    memberships = (Membership.objects.for_user(user).filter(organisation__kind__in=list(PAGES))
                   .select_related("organisation").order_by("id"))
    ordered = sorted(memberships, key=lambda membership: membership.role not in EDITING_ROLES)
    return ordered[0].organisation if ordered else None


def own_page(user: Any) -> OwnPage | None:
    """The page of the user's own organisation, or None (anonymous, or no organisation with a page)."""
    organisation = own_organisation(user)
    if organisation is None:
        return None
    kind = PAGES[organisation.kind]
    return OwnPage(organisation, kind.label, kind.url(organisation))
