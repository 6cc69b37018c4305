"""What the national organisation reads across the sector: counts from the latest *published* version of every
organisation's assessment (a draft is never counted), per target and, for the roll-up, per group of kommuner."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from lokalagenda.accounts.models import Organisation
from lokalagenda.framework.models import Target
from lokalagenda.materiality.models import PublishedEntry
from lokalagenda.materiality.querysets import AssessmentVersionQuerySet


@dataclass(frozen=True)
class TargetCount:
    """How many organisations assessed a target in their latest published version, and found it material."""

    target: str
    assessed: int
    material: int

    def as_dict(self) -> dict[str, object]:
        return {"target": self.target, "assessed": self.assessed, "material": self.material}


@dataclass(frozen=True)
class MaterialitySummary:
    published_assessments: int
    targets: list[TargetCount]

    def as_dict(self) -> dict[str, object]:
        return {"published_assessments": self.published_assessments,
                "targets": [row.as_dict() for row in self.targets]}


def latest_versions(kind: str = Organisation.Kind.KOMMUNE) -> AssessmentVersionQuerySet:
    """The newest published version of every organisation of ``kind``."""
    from lokalagenda.materiality.models import AssessmentVersion

    return AssessmentVersion.objects.latest_per_organisation().filter(organisation__kind=kind)


def national_summary(kind: str = Organisation.Kind.KOMMUNE, organisations: list[int] | None = None
                     ) -> MaterialitySummary:
    """Counts over the latest published versions of the organisations of ``kind`` (or only of ``organisations``,
    ids, for a group such as a size class or a fylke), every target in the UN order."""
    versions = latest_versions(kind)
    if organisations is not None:
        versions = versions.filter(organisation_id__in=organisations)
    version_ids = list(versions.values_list("pk", flat=True))
    entries = PublishedEntry.objects.filter(version_id__in=version_ids).values_list("target_id", "material")
    assessed: Counter[str] = Counter()
    material: Counter[str] = Counter()
    for target, is_material in entries:
        assessed[target] += 1
        material[target] += bool(is_material)
    return MaterialitySummary(len(version_ids), [TargetCount(code, assessed[code], material[code])
                                                 for code in Target.objects.values_list("code", flat=True)])
