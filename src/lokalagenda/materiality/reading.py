"""What the assessment pages read: which entries a reader sees (the draft for the organisation's members, the
newest published version for everyone else, or an earlier version asked for by number), and the targets in the
order the pages list them, goal by goal, the locally relevant ones first.

A target is *locally relevant* to an organisation when it is one of the organisation's priority targets or when
its national relevance level for that level of government (``framework.relevance``) is high or medium.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from lokalagenda.accounts.models import Organisation
from lokalagenda.accounts.permissions import can_read_unpublished
from lokalagenda.framework.models import LEVEL_RANK, Goal, RelevanceLevel, Target, TargetRelevance
from lokalagenda.materiality.matrix import INFLUENCES, SITUATIONS, cells
from lokalagenda.materiality.models import AssessmentVersion, DraftEntry, Influence, Judgement, Situation
from lokalagenda.materiality.services import has_unpublished_changes
from lokalagenda.plans.models import Priorities

#: The national relevance levels that make a target locally relevant.
RELEVANT_LEVELS = frozenset({RelevanceLevel.HIGH, RelevanceLevel.MEDIUM})


@dataclass(frozen=True)
class TargetRow:
    """One target of the assessment: its national relevance level for the organisation's level of government,
    whether it is a priority target, and its entry in the entries shown (None: not assessed)."""

    target: Target
    relevance: str
    priority: bool
    entry: Judgement | None

    @property
    def locally_relevant(self) -> bool:
        return self.priority or self.relevance in RELEVANT_LEVELS

    @property
    def relevance_label(self) -> str:
        return str(RelevanceLevel(self.relevance).label) if self.relevance in RelevanceLevel.values else ""


@dataclass(frozen=True)
class GoalSection:
    """A goal's targets in the order the pages list them."""

    goal: Goal
    rows: list[TargetRow]

    @property
    def assessed(self) -> list[TargetRow]:
        return [row for row in self.rows if row.entry is not None]

    @property
    def unassessed(self) -> int:
        return sum(row.entry is None for row in self.rows)

    @property
    def relevant_unassessed(self) -> int:
        return sum(row.entry is None and row.locally_relevant for row in self.rows)


@dataclass(frozen=True)
class Assessment:
    """The entries a reader sees and where they come from.

    ``draft`` is True when the reader, a member of the organisation, sees the working draft; ``version`` is then
    the newest published version (None before the first), else the version shown (None: nothing published yet).
    """

    organisation: Organisation
    draft: bool
    version: AssessmentVersion | None
    entries: list[Judgement]
    versions: list[AssessmentVersion]
    unpublished_changes: bool

    @property
    def latest(self) -> AssessmentVersion | None:
        return self.versions[0] if self.versions else None

    @property
    def earlier(self) -> bool:
        """The page shows a published version older than the newest."""
        return not self.draft and self.version is not None and self.version != self.latest


def assessment_for(organisation: Organisation, user: Any, number: int | None = None) -> Assessment:
    """What ``user`` sees of the organisation's assessment: version ``number`` when asked for (Http404 if there is
    no such version), else the draft for members and the newest published version for everyone else."""
    versions = list(AssessmentVersion.objects.for_organisation(organisation).order_by("-number"))
    if number is not None:
        version = next((found for found in versions if found.number == number), None)
        if version is None:
            raise Http404
        return Assessment(organisation, False, version, _published(version), versions, False)
    latest = versions[0] if versions else None
    if can_read_unpublished(user, organisation):
        entries: list[Judgement] = list(DraftEntry.objects.for_organisation(organisation))
        return Assessment(organisation, True, latest, entries, versions, has_unpublished_changes(organisation))
    return Assessment(organisation, False, latest, _published(latest) if latest else [], versions, False)


def _published(version: AssessmentVersion) -> list[Judgement]:
    return list(version.entries.select_related("target"))


def priority_codes(organisation: Organisation, include_unpublished: bool) -> set[str]:
    """The organisation's priority targets; unpublished priorities only for those who may read them."""
    priorities = Priorities.objects.filter(organisation=organisation).first()
    if priorities is None or not (priorities.published or include_unpublished):
        return set()
    return set(priorities.targets.values_list("code", flat=True))


def target_rows(organisation: Organisation, entries: Iterable[Judgement], priorities: set[str],
                goal: int | None = None) -> list[TargetRow]:
    """Every target (or those of ``goal``) with its entry: goal by goal, and within a goal the priority targets
    first, then by national relevance level (high first), then in the UN order."""
    field = organisation.kind  # "kommune" or "fylkeskommune": the relevance field of that level of government
    levels = dict(TargetRelevance.objects.values_list("target_id", field))
    by_target = {entry.target_id: entry for entry in entries}
    targets = Target.objects.select_related("goal")
    if goal is not None:
        targets = targets.filter(goal_id=goal)
    rows = [TargetRow(target, levels.get(target.code, RelevanceLevel.NONE), target.code in priorities,
                      by_target.get(target.code)) for target in targets]
    return sorted(rows, key=_order)


def _order(row: TargetRow) -> tuple[int, bool, int, int]:
    return (row.target.goal_id, not row.priority, -LEVEL_RANK.get(RelevanceLevel(row.relevance), 0),
            row.target.position)


def goal_sections(rows: Sequence[TargetRow], relevant_only: bool = False) -> list[GoalSection]:
    """The rows grouped by goal, in goal order; when ``relevant_only``, only the locally relevant targets and those
    already assessed."""
    sections: dict[int, GoalSection] = {}
    for row in rows:
        if relevant_only and not (row.locally_relevant or row.entry is not None):
            continue
        section = sections.get(row.target.goal_id)
        if section is None:
            section = sections[row.target.goal_id] = GoalSection(row.target.goal, [])
        section.rows.append(row)
    return list(sections.values())


@dataclass(frozen=True)
class MatrixCell:
    influence: str
    entries: list[Judgement]


@dataclass(frozen=True)
class MatrixRow:
    """One row of the matrix: a situation, and per influence (in the columns' order) the entries placed there."""

    situation: str
    label: str
    cells: list[MatrixCell]


def matrix_rows(entries: Iterable[Judgement]) -> list[MatrixRow]:
    """The matrix (``materiality.matrix.cells``) as rows a table shows, the worst situation first."""
    grid = cells(entries)
    return [MatrixRow(situation, str(Situation(situation).label),
                      [MatrixCell(influence, grid[(situation, influence)]) for influence in INFLUENCES])
            for situation in SITUATIONS]


#: The matrix's column heads in one word, so the table reads on a phone; the page explains them in full.
SHORT_INFLUENCE = {Influence.DIRECT: _("direct"), Influence.INDIRECT: _("indirect"), Influence.LITTLE: _("little")}


def influence_labels() -> list[tuple[str, str]]:
    """The matrix's column heads, the strongest influence first: (one word, the full label)."""
    return [(str(SHORT_INFLUENCE[Influence(value)]), str(Influence(value).label)) for value in INFLUENCES]
