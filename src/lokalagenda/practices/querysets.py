"""Named reads of practices: what the public, members and editors may see."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from lokalagenda.accounts.permissions import publishing_organisations
from lokalagenda.accounts.tenancy import StatusOwnedQuerySet


class PracticeQuerySet(StatusOwnedQuerySet):
    """Published practices for everyone, drafts for the organisation's members (``accounts.tenancy``), and what
    waits for approval."""

    def awaiting_approval_for(self, user: Any) -> PracticeQuerySet:
        """What waits for an admin among the practices of the user's organisations (superusers: all):
        submitted drafts and published practices with a pending change. Only members may know of them."""
        pending = self.filter(Q(status="submitted") | Q(pending_revision__isnull=False))
        if getattr(user, "is_superuser", False):
            return pending
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return pending.filter(organisation__memberships__user=user).distinct()

    def awaiting_approval_by(self, user: Any) -> PracticeQuerySet:
        """What waits for this user's approval: submitted drafts and pending changes of the organisations the
        user publishes for (``accounts.permissions.can_publish``; superusers: all), oldest first."""
        pending = self.filter(Q(status="submitted") | Q(pending_revision__isnull=False))
        if not getattr(user, "is_superuser", False):
            pending = pending.filter(organisation__in=publishing_organisations(user))
        return pending.order_by("updated_at", "id")
