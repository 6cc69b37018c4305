"""Named reads of kommuner and fylker."""

from __future__ import annotations

from django.db import models


class KommuneQuerySet(models.QuerySet):
    def search(self, query: str) -> KommuneQuerySet:
        """Kommuner whose number starts with, or whose name (any official form) contains, ``query``."""
        query = query.strip()
        if not query:
            return self.none()
        if query.isdigit():
            return self.filter(number__startswith=query)
        return self.filter(search_text__contains=query.lower()).order_by("name")


class PopulationQuerySet(models.QuerySet):
    def first_year(self) -> int | None:
        """The first year of the population series of any place."""
        return self.aggregate(first=models.Min("year"))["first"]
