"""The materiality assessment as the reports tell it: the VLR's methodology section and the saksframlegg (draft
council case). One account of a version (or of the working draft): the targets assessed with their situation,
influence, rationale and who was involved; the material ones; the priorities the matrix suggests
(``materiality.matrix.suggested_priorities``); and the latest decision that adopted the assessment
(``decisions.badges.adoption_of``), marked when the assessment has changed since.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.timezone import localtime

from lokalagenda.accounts.models import Organisation
from lokalagenda.decisions.badges import Adoption, adoption_of
from lokalagenda.decisions.models import Subject
from lokalagenda.materiality.matrix import suggested_priorities
from lokalagenda.materiality.models import (
    AssessmentVersion,
    DraftEntry,
    Influence,
    Judgement,
    Participant,
    Situation,
)


@dataclass(frozen=True)
class AssessedTarget:
    """One target as the assessment judged it, in words of the active language."""

    code: str
    goal: int
    title: str
    situation: str
    influence: str
    rationale: str
    material: bool
    involved: list[str]


@dataclass(frozen=True)
class AssessmentAccount:
    """A version of the organisation's assessment (``version`` None: the unpublished working draft)."""

    organisation: Organisation
    version: AssessmentVersion | None
    published_on: str
    targets: list[AssessedTarget]
    suggested: list[AssessedTarget]
    involved: list[str]
    situations: list[tuple[str, int]]
    influences: list[tuple[str, int]]
    #: The latest decision adopting the organisation's assessment (whichever version), or None.
    adoption: Adoption | None

    @property
    def draft(self) -> bool:
        return self.version is None

    @property
    def number(self) -> int | None:
        return self.version.number if self.version else None

    @property
    def material(self) -> list[AssessedTarget]:
        return [target for target in self.targets if target.material]

    @property
    def adopts_this_version(self) -> bool:
        """Whether the latest adopting decision adopted exactly this version."""
        return (self.adoption is not None and self.version is not None
                and self.adoption.decision.assessment_version_id == self.version.pk)


def _assessed(entry: Judgement, language: str) -> AssessedTarget:
    return AssessedTarget(entry.target_id, entry.target.goal_id, entry.target.title_in(language),
                          str(Situation(entry.situation).label), str(Influence(entry.influence).label),
                          entry.rationale, entry.material,
                          [str(Participant(value).label) for value in entry.involved if value in Participant.values])


def _tally(values: Sequence[str], choices: type[Situation] | type[Influence]) -> list[tuple[str, int]]:
    counts = Counter(values)
    return [(str(choice.label), counts[choice.value]) for choice in choices if counts[choice.value]]


def account_of(organisation: Organisation, entries: Sequence[Judgement], version: AssessmentVersion | None,
               language: str) -> AssessmentAccount:
    """The account of ``entries`` (a version's or the draft's), in ``language`` (call inside
    ``translation.override(language)``: the labels are the active language's)."""
    chosen = {value for entry in entries for value in entry.involved}
    return AssessmentAccount(
        organisation=organisation, version=version,
        published_on=date_format(localtime(version.published_at), "DATE_FORMAT") if version else "",
        targets=[_assessed(entry, language) for entry in entries],
        suggested=[_assessed(entry, language) for entry in suggested_priorities(entries)],
        involved=[str(Participant(value).label) for value in Participant.values if value in chosen],
        situations=_tally([entry.situation for entry in entries], Situation),
        influences=_tally([entry.influence for entry in entries], Influence),
        adoption=adoption_of(organisation, Subject.ASSESSMENT))


def published_account(organisation: Organisation | None, language: str,
                      number: int | None = None) -> AssessmentAccount | None:
    """The account of published version ``number`` (the newest when None); None when there is no such version."""
    if organisation is None:
        return None
    versions = AssessmentVersion.objects.for_organisation(organisation)
    version = versions.latest_for(organisation) if number is None else versions.filter(number=number).first()
    if version is None:
        return None
    entries = list(version.entries.select_related("target"))
    return account_of(organisation, entries, version, language)


def draft_account(organisation: Organisation, language: str) -> AssessmentAccount | None:
    """The account of the unpublished working draft (for the organisation's members); None when it is empty."""
    entries = list(DraftEntry.objects.for_organisation(organisation))
    return account_of(organisation, entries, None, language) if entries else None
