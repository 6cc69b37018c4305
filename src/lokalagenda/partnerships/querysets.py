"""Named reads of partners and partnerships."""

from __future__ import annotations

from collections import Counter

from django.db.models import Q

from lokalagenda.accounts.tenancy import OrganisationOwnedQuerySet
from lokalagenda.places.place import PlaceKind, split_by_kind


class PartnershipQuerySet(OrganisationOwnedQuerySet):
    """Partnerships are owned by one organisation (which edits them) and may name other kommuner taking part."""

    def for_kommune(self, number: str) -> PartnershipQuerySet:
        """Partnerships the kommune owns or takes part in."""
        return self.filter(Q(organisation__kommune_id=number) | Q(kommuner__number=number)).distinct()

    def for_places(self, numbers: list[str]) -> PartnershipQuerySet:
        """Partnerships owned by, or taking in, any of the kommuner (four digits) or fylker (two digits)."""
        places = split_by_kind(numbers)
        kommuner, fylker = places[PlaceKind.KOMMUNE], places[PlaceKind.FYLKE]
        return self.filter(Q(organisation__kommune_id__in=kommuner) | Q(organisation__fylke_id__in=fylker)
                           | Q(kommuner__number__in=kommuner)).distinct()

    def filtered(self, *, kommune: str | None = None, goal: int | None = None, kind: str | None = None,
                 status: str | None = None) -> PartnershipQuerySet:
        """Narrowed by kommune, SDG goal, partner kind and status (each optional)."""
        rows = self
        if kommune:
            rows = rows.for_kommune(kommune)
        if goal is not None:
            rows = rows.filter(targets__goal_id=goal)
        if kind:
            rows = rows.filter(partners__kind=kind)
        if status:
            rows = rows.filter(status=status)
        return rows.distinct()

    def counts_by_kind_and_goal(self) -> Counter[tuple[str, int]]:
        """How many partnerships have a partner of each kind and a target under each goal.

        A partnership with a business and a residents' group working on targets of goals 7 and 11 counts once in
        each of the four cells; a partnership without partners or targets counts in none.
        """
        ids = self.values("id")
        pairs = (self.model.objects.filter(id__in=ids, partners__isnull=False, targets__isnull=False)
                 .order_by().values_list("id", "partners__kind", "targets__goal_id").distinct())
        return Counter((kind, goal) for _, kind, goal in set(pairs))

