"""Named reads of the catalogue and the observations."""

from __future__ import annotations

from typing import Any

from django.db import models


class IndicatorQuerySet(models.QuerySet):
    def filtered(self, *, goal: int | None = None, target: str | None = None, indicator_set: str | None = None,
                 quality: str | None = None, level: str | None = None, query: str | None = None) -> Any:
        """The catalogue filtered as the catalogue page and the API allow."""
        result = self
        if goal:
            result = result.filter(targets__goal=goal)
        if target:
            result = result.filter(targets__code=target)
        if indicator_set:
            result = result.filter(sets__slug=indicator_set)
        if quality:
            result = result.filter(quality_class=quality)
        if level:
            result = result.filter(level_of_geography=level)
        if query:
            result = result.filter(models.Q(name_nb__icontains=query) | models.Q(name_en__icontains=query)
                                   | models.Q(id__iexact=query) | models.Q(notation__iexact=query))
        return result.distinct()

    def with_data(self) -> Any:
        return self.filter(observations__isnull=False).distinct()


class ObservationQuerySet(models.QuerySet):
    def for_indicator(self, indicator_id: str) -> Any:
        """One indicator for every place and year (uses the unique index's leading column)."""
        return self.filter(indicator_id=indicator_id)

    def for_place(self, place: str) -> Any:
        """One place (kommunenummer, fylkesnummer or "0") across all its indicators."""
        return self.filter(place=place)

    def selection(self, indicator: str | None = None, place: str | None = None, year_from: int | None = None,
                  year_to: int | None = None) -> Any:
        """An indicator, a place or both, in a period (the filters of the API and the downloads)."""
        result = self
        if indicator:
            result = result.for_indicator(indicator)
        if place:
            result = result.for_place(place)
        if year_from is not None:
            result = result.filter(year__gte=year_from)
        if year_to is not None:
            result = result.filter(year__lte=year_to)
        return result

    def totals(self) -> Any:
        """Only the values for the whole population (no disaggregation)."""
        return self.filter(disaggregation="")

    def years(self) -> list[int]:
        return sorted(set(self.values_list("year", flat=True)))


def latest_values(indicator_id: str) -> list[Any]:
    """The total value of every place in the indicator's latest year with data."""
    from lokalagenda.indicators.models import Observation

    observations = Observation.objects.for_indicator(indicator_id).totals()
    latest = observations.aggregate(year=models.Max("year"))["year"]
    if latest is None:
        return []
    return list(observations.filter(year=latest).select_related("revision").order_by("place"))


def latest_for_place(place: str) -> list[Any]:
    """For one place, the latest total value of each indicator it has, with the indicator and its source."""
    from lokalagenda.indicators.models import Observation

    observations = Observation.objects.for_place(place).totals()
    latest = observations.values("indicator_id").annotate(year=models.Max("year"))
    wanted = models.Q()
    for row in latest:
        wanted |= models.Q(indicator_id=row["indicator_id"], year=row["year"])
    if not latest:
        return []
    return list(observations.filter(wanted).select_related("indicator", "revision").order_by("indicator_id"))
