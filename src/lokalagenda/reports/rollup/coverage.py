"""Which kommuner cover each target in their published plans, as sets, so the roll-up can count a kommune that
both links a target and measures it once.

The definitions are those of ``plans.coverage``: a plan covers a target through an accepted link from the plan,
its documents, goals or actions, or through an indicator link whose indicator measures the target. Only published
plans of kommuner count. ``plans.coverage.national_counts`` gives the linked counts; the roll-up's test checks
that these sets agree with it.
"""

from __future__ import annotations

from django.db.models import QuerySet

from lokalagenda.accounts.models import Organisation
from lokalagenda.plans.models import IndicatorLink, Plan, TargetLink

KommuneSets = dict[str, set[str]]


def published_kommune_plans() -> QuerySet[Plan]:
    """The published plans of kommuner: what the roll-up may read."""
    return Plan.objects.published().filter(organisation__kind=Organisation.Kind.KOMMUNE)


def _sets(pairs: QuerySet) -> KommuneSets:
    sets: KommuneSets = {}
    for target, kommune in pairs:
        sets.setdefault(target, set()).add(kommune)
    return sets


def covering_kommuner() -> tuple[KommuneSets, KommuneSets]:
    """Per target code: the kommuner whose published plans link it, and those that measure it with an indicator."""
    plans = published_kommune_plans()
    linked = (TargetLink.objects.filter(plan__in=plans, state=TargetLink.State.ACCEPTED)
              .values_list("target", "plan__organisation__kommune").distinct())
    measured = (IndicatorLink.objects.filter(plan__in=plans, indicator__targets__isnull=False)
                .values_list("indicator__targets", "plan__organisation__kommune").distinct())
    return _sets(linked), _sets(measured)
