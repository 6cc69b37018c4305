"""Named reads of memberships: who may read and write what."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

EDITING_ROLES = ("admin", "editor")


class MembershipQuerySet(models.QuerySet):
    def for_user(self, user: object) -> MembershipQuerySet:
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(user=user)

    def editing(self) -> MembershipQuerySet:
        return self.filter(role__in=EDITING_ROLES)

    def publishing(self) -> MembershipQuerySet:
        """Memberships that publish the organisation's good practices: admins, and at the national level
        also editors (``accounts.permissions.can_publish``)."""
        return self.filter(Q(role="admin") | Q(role__in=EDITING_ROLES, organisation__kind="national"))
