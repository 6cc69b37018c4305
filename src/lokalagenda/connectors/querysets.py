"""Named reads of the fetch log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import models

#: Log statuses that mark a piece as done (``FetchLog.Status`` values).
DONE_STATUSES = ("stored", "unchanged")


class FetchLogQuerySet(models.QuerySet):
    def done(self, since: datetime | None = None) -> Any:
        """Pieces fetched and stored (or found unchanged), optionally only those fetched at or after ``since``."""
        done = self.filter(status__in=DONE_STATUSES)
        return done if since is None else done.filter(fetched_at__gte=since)

    def done_keys(self, since: datetime | None = None) -> set[str]:
        """The task keys of :meth:`done` pieces: the ones ``sync`` skips."""
        return set(self.done(since).values_list("task_key", flat=True))
