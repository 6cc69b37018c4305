"""The national roll-up of the materiality assessments (vesentlighetsanalyser) and of the political decisions that
adopted SDG priorities.

* Which targets kommuner find most and least material: counts from the latest *published* version of each
  organisation's assessment (``materiality.summary.national_summary``; a draft is never counted), for all
  kommuner, all fylkeskommuner, and the kommuner of each size class and fylke (``reports.rollup.groups``).
* How many kommuner and fylkeskommuner have a published assessment.
* How many have politically adopted SDG priorities: a ``decisions.Decision`` whose subject is the priorities or the
  materiality assessment; per year, and the latest such decision of each organisation.

Ranking: the *most material* targets are those the most organisations found material; the *least material* are
those the most organisations assessed and found not material. Ties go to the larger share, then the UN order.
Targets nobody assessed are in neither list (nothing is known of them).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from lokalagenda.accounts.models import Organisation
from lokalagenda.decisions import badges
from lokalagenda.decisions.models import Decision, Subject
from lokalagenda.framework.models import Target
from lokalagenda.materiality.summary import national_summary
from lokalagenda.reports.rollup.groups import KommuneFacts, PeerGroup, fylke_groups, size_groups

#: The decisions that adopt SDG priorities: the priorities themselves, or the assessment that names them.
ADOPTING_SUBJECTS = (Subject.PRIORITIES.value, Subject.ASSESSMENT.value)
#: The group breakdowns of the materiality roll-up, after the country: the kommuner by size class and by fylke.
MATERIALITY_BREAKDOWNS = {"size": size_groups, "fylke": fylke_groups}
#: How many of the most and least material targets the page lists per group (the files hold every target).
RANKED = 10


@dataclass(frozen=True)
class TargetMateriality:
    """One target in one group: how many organisations assessed it in their latest published version and how
    many found it material, with its rank among the most and the least material (None: nobody assessed it)."""

    code: str
    goal: int
    title: str
    assessed: int
    material: int
    rank_most: int | None = None
    rank_least: int | None = None

    @property
    def not_material(self) -> int:
        return self.assessed - self.material

    @property
    def share(self) -> float | None:
        """The share of those who assessed it that found it material (0–1); None when nobody assessed it."""
        return self.material / self.assessed if self.assessed else None


@dataclass(frozen=True)
class GroupMateriality:
    """The assessments and adopting decisions of one group of organisations, and its targets ranked."""

    breakdown: str
    group: str
    group_name: str
    kind: str
    organisations: int
    published: int
    adopted: int
    targets: list[TargetMateriality]

    @property
    def most(self) -> list[TargetMateriality]:
        ranked = [row for row in self.targets if row.rank_most is not None]
        return sorted(ranked, key=lambda row: row.rank_most or 0)[:RANKED]

    @property
    def least(self) -> list[TargetMateriality]:
        ranked = [row for row in self.targets if row.rank_least is not None]
        return sorted(ranked, key=lambda row: row.rank_least or 0)[:RANKED]


@dataclass(frozen=True)
class AdoptingDecision:
    """An organisation's latest decision that adopted its SDG priorities (or the assessment naming them)."""

    number: str
    name: str
    kind: str
    subject: str
    body: str
    decided_on: date
    case_number: str
    record_url: str


@dataclass(frozen=True)
class AdoptionYear:
    """In one year: how many organisations of a kind decided to adopt SDG priorities, and how many had by then."""

    year: int
    kind: str
    deciding: int
    adopted_by_then: int


@dataclass(frozen=True)
class MaterialityRollup:
    groups: list[GroupMateriality]
    adoptions: list[AdoptingDecision]
    years: list[AdoptionYear]

    def country(self, kind: str = Organisation.Kind.KOMMUNE) -> GroupMateriality:
        return next(group for group in self.groups if group.breakdown == "country" and group.kind == kind)

    @property
    def kommuner(self) -> GroupMateriality:
        """All kommuner (the page's headline counts and ranked targets)."""
        return self.country(Organisation.Kind.KOMMUNE)

    @property
    def fylkeskommuner(self) -> GroupMateriality:
        return self.country(Organisation.Kind.FYLKESKOMMUNE)

    @property
    def published(self) -> bool:
        """Whether any kommune or fylkeskommune has published an assessment (else there is nothing to rank)."""
        return bool(self.kommuner.published or self.fylkeskommuner.published)

    @property
    def by_breakdown(self) -> dict[str, list[GroupMateriality]]:
        grouped: dict[str, list[GroupMateriality]] = {}
        for group in self.groups:
            if group.breakdown != "country":
                grouped.setdefault(group.breakdown, []).append(group)
        return grouped


def _ranked(targets: list[TargetMateriality]) -> list[TargetMateriality]:
    """The targets with their ranks (see the module's docstring); unassessed targets keep no rank."""
    assessed = [(position, row) for position, row in enumerate(targets) if row.assessed]
    most = sorted(assessed, key=lambda item: (-item[1].material, -(item[1].share or 0), item[0]))
    least = sorted(assessed, key=lambda item: (-item[1].not_material, item[1].share or 0, item[0]))
    rank_most = {row.code: rank for rank, (_position, row) in enumerate(most, start=1) if row.material}
    rank_least = {row.code: rank for rank, (_position, row) in enumerate(least, start=1) if row.not_material}
    return [TargetMateriality(row.code, row.goal, row.title, row.assessed, row.material,
                              rank_most.get(row.code), rank_least.get(row.code)) for row in targets]


def _group(breakdown: str, group: PeerGroup, kind: str, organisations: list[int], adopted: set[int],
           titles: dict[str, tuple[int, str]]) -> GroupMateriality:
    summary = national_summary(kind, organisations=organisations)
    targets = [TargetMateriality(row.target, *titles[row.target], row.assessed, row.material)
               for row in summary.targets]
    return GroupMateriality(breakdown, group.code, group.name, kind, len(organisations),
                            summary.published_assessments, len(adopted.intersection(organisations)),
                            _ranked(targets))


def _latest_adoptions() -> dict[int, Decision]:
    """Each organisation's latest decision adopting its SDG priorities, by organisation id."""
    rows = (Decision.objects.filter(subject__in=ADOPTING_SUBJECTS)
            .select_related("organisation").order_by("organisation_id", "-decided_on", "-pk"))
    latest: dict[int, Decision] = {}
    for decision in rows:
        latest.setdefault(decision.organisation_id, decision)
    return latest


def _place_number(organisation: Organisation) -> str:
    return organisation.kommune_id or organisation.fylke_id or ""


def adoptions(latest: dict[int, Decision]) -> list[AdoptingDecision]:
    """The latest adopting decision of every kommune and fylkeskommune that has one, by place number."""
    kinds = (Organisation.Kind.KOMMUNE, Organisation.Kind.FYLKESKOMMUNE)
    rows = [AdoptingDecision(_place_number(decision.organisation), decision.organisation.name,
                             decision.organisation.kind, decision.subject,
                             badges.Adoption(decision, changed=False).body,  # how the badge names the body
                             decision.decided_on, decision.case_number, decision.record_url)
            for decision in latest.values() if decision.organisation.kind in kinds]
    return sorted(rows, key=lambda row: (row.kind, row.number))


def adoption_years(kinds: Iterable[str]) -> list[AdoptionYear]:
    """Per year and kind: the organisations with an adopting decision that year, and those with one by then."""
    rows = Decision.objects.filter(subject__in=ADOPTING_SUBJECTS, organisation__kind__in=list(kinds))
    deciding: dict[tuple[int, str], set[int]] = {}
    first: dict[int, tuple[int, str]] = {}
    for organisation, kind, decided_on in rows.values_list("organisation_id", "organisation__kind", "decided_on"):
        deciding.setdefault((decided_on.year, kind), set()).add(organisation)
        first[organisation] = min(first.get(organisation, (decided_on.year, kind)), (decided_on.year, kind))
    firsts = Counter(first.values())
    years = []
    for kind in kinds:
        total = 0
        for year in sorted({year for year, of_kind in deciding if of_kind == kind}):
            total += firsts.get((year, kind), 0)
            years.append(AdoptionYear(year, kind, len(deciding[(year, kind)]), total))
    return years


def _kind_groups(facts: dict[str, KommuneFacts], organisations: dict[str, int],
                 fylkeskommuner: list[int]) -> list[tuple[str, PeerGroup, str, list[int]]]:
    """(breakdown, group, organisation kind, organisation ids) of every group the roll-up counts."""
    everyone = PeerGroup("0", _("all kommuner"), frozenset(facts))
    groups = [("country", everyone, Organisation.Kind.KOMMUNE.value),
              *((name, group, Organisation.Kind.KOMMUNE.value)
                for name, source in MATERIALITY_BREAKDOWNS.items() for group in source(facts))]
    rows = [(name, group, kind, sorted(organisations[n] for n in group.members if n in organisations))
            for name, group, kind in groups]
    fylker = PeerGroup("fylkeskommuner", _("all fylkeskommuner"), frozenset())
    return [rows[0], ("country", fylker, Organisation.Kind.FYLKESKOMMUNE.value, fylkeskommuner), *rows[1:]]


def build_materiality(facts: dict[str, KommuneFacts], language: str) -> MaterialityRollup:
    """The materiality and adoption roll-up for the kommuner of ``facts`` (and every fylkeskommune), its target
    texts in ``language`` (call inside ``translation.override(language)`` for the group names)."""
    titles = {target.code: (target.goal_id, target.title_in(language)) for target in Target.objects.all()}
    kommuner = dict(Organisation.objects.filter(kind=Organisation.Kind.KOMMUNE).values_list("kommune_id", "pk"))
    fylkeskommuner = list(Organisation.objects.filter(kind=Organisation.Kind.FYLKESKOMMUNE)
                          .order_by("fylke_id").values_list("pk", flat=True))
    latest = _latest_adoptions()
    groups = [_group(breakdown, group, kind, ids, set(latest), titles)
              for breakdown, group, kind, ids in _kind_groups(facts, kommuner, fylkeskommuner)]
    kinds = (Organisation.Kind.KOMMUNE.value, Organisation.Kind.FYLKESKOMMUNE.value)
    return MaterialityRollup(groups, adoptions(latest), adoption_years(kinds))
