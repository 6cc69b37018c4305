"""The national roll-up as named tables with documented columns: what the Excel, CSV and JSON downloads hold.

Column names are stable English keys (scripts read them); each column has a description in the active
language, written into the README sheet of the Excel file, the README of the CSV zip and the JSON document.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lokalagenda.measurement import colour_meaning
from lokalagenda.measurement.colour_meaning import Comparison
from lokalagenda.reports.rollup.build import (
    STATUSES,
    KommuneStatus,
    Rollup,
    StatusRow,
    TargetRow,
    status_words_for,
)
from lokalagenda.reports.rollup.materiality import MaterialityRollup

Cell = str | int | float | None


#: Short column names in the reader's language: the first header row of the Excel sheets, above the keys.
LABELS = {
    "goal": _("Goal"), "goal_name": _("Goal name"), "kommuner": _("Kommuner"), "mean_score": _("Mean score"),
    "group": _("Group"), "group_name": _("Group name"), "target": _("Target"), "title": _("Target text"),
    "relevance": _("Relevance"), "kommuner_linking": _("Kommuner linking"),
    "kommuner_measuring": _("Kommuner measuring"), "kommuner_covering": _("Kommuner covering"),
    "share_covering": _("Share covering"), "rank": _("Rank"), "kommune": _("Kommunenummer"), "name": _("Name"),
    "fylke": _("Fylke"), "size_class": _("Size class"), "status": _("Status"), "score": _("Score"),
    "run": _("Measurement run"), "comparison": _("Compared with"),
    "breakdown": _("Breakdown"), "kind": _("Kind"), "organisations": _("Organisations"),
    "published_assessments": _("Published assessments"), "adopted": _("Adopted priorities"),
    "assessed": _("Assessed"), "material": _("Material"), "share_material": _("Share material"),
    "rank_most": _("Rank, most material"), "rank_least": _("Rank, least material"), "year": _("Year"),
    "deciding": _("Deciding that year"), "adopted_by_then": _("Adopted by then"), "number": _("Number"),
    "subject": _("Adopted"), "body": _("Body"), "decided_on": _("Date of the decision"),
    "case_number": _("Case number"), "record_url": _("Case record"),
}


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    #: ``text``, ``integer``, ``decimal`` or ``share`` (a fraction 0–1): how the Excel file formats it.
    kind: str = "text"
    #: The short name when :data:`LABELS` has none: a status column's status in words.
    title: str = ""

    @property
    def label(self) -> str:
        """The column's short name in the active language (a status column: the status in words)."""
        words = LABELS.get(self.name) or self.title
        return str(words).capitalize() if words else self.name


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    columns: list[Column]
    rows: list[list[Cell]]

    def records(self) -> list[dict[str, Cell]]:
        names = [column.name for column in self.columns]
        return [dict(zip(names, row, strict=True)) for row in self.rows]


def _status_columns(words: dict[str, str]) -> list[Column]:
    """A count per status, named in ``words`` (:func:`~lokalagenda.reports.rollup.build.status_words_for`: what
    the colours compare), then what the goal's colours compare."""
    return [*(Column(status, str(_("Number of kommuner whose dashboard shows “%(words)s” for the goal")
                                 % {"words": words[status]}), "integer", words[status]) for status in STATUSES),
            _comparison_column(_("What the goal colours counted compare"))]


def _comparison_column(subject: str) -> Column:
    """The column naming what a colour compares, with its values explained (stable English keys)."""
    return Column("comparison", str(_("%(subject)s: relative (the position among the kommuner, in quartiles), "
                                      "absolute (the distance to the 2030 target) or mixed (some of each); empty "
                                      "without a colour") % {"subject": subject}))


def _goal_columns() -> list[Column]:
    return [Column("goal", str(_("Goal number (1–17)")), "integer"),
            Column("goal_name", str(_("Short name of the goal")))]


def _summary_columns(words: dict[str, str]) -> list[Column]:
    return [*_status_columns(words),
            Column("kommuner", str(_("Number of kommuner in the group")), "integer"),
            Column("mean_score", str(_("Mean goal score (0–100) of the kommuner in the group that have one")),
                   "decimal")]


def _rounded(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def _status_cells(row: StatusRow) -> list[Cell]:
    return [*(row.counts[status] for status in STATUSES), row.comparison, row.kommuner, _rounded(row.mean_score, 2)]


def goals_table(rows: list[StatusRow], words: dict[str, str]) -> Table:
    return Table("goals", str(_("Status of the kommuner per goal")), [*_goal_columns(), *_summary_columns(words)],
                 [[row.goal, row.goal_name, *_status_cells(row)] for row in rows])


def breakdown_table(name: str, label: str, rows: list[StatusRow], words: dict[str, str]) -> Table:
    columns = [Column("group", str(_("Code of the group (%(breakdown)s)") % {"breakdown": label})),
               Column("group_name", str(_("Name of the group"))), *_goal_columns(), *_summary_columns(words)]
    return Table(f"goals_by_{name}", str(_("Status of the kommuner per goal, by %(breakdown)s") % {"breakdown": label}),
                 columns, [[row.group, row.group_name, row.goal, row.goal_name, *_status_cells(row)] for row in rows])


def _target_columns() -> list[Column]:
    return [Column("target", str(_("Target code"))), Column("goal", str(_("Goal number")), "integer"),
            Column("title", str(_("Target text"))),
            Column("relevance", str(_("Local relevance for kommuner: high, medium, low, or empty when none"))),
            Column("kommuner_linking", str(_("Kommuner whose published plans (documents, goals or actions) link "
                                             "the target")), "integer"),
            Column("kommuner_measuring", str(_("Kommuner whose published plans measure the target with an "
                                               "indicator")), "integer"),
            Column("kommuner_covering", str(_("Kommuner doing either")), "integer"),
            Column("share_covering", str(_("Share of all kommuner doing either (0–1)")), "share")]


def _target_cells(row: TargetRow) -> list[Cell]:
    return [row.code, row.goal, row.title, row.relevance, row.linked, row.indicators, row.covering,
            round(row.share, 4)]


def targets_table(rows: list[TargetRow]) -> Table:
    return Table("targets", str(_("Coverage of the 169 targets across kommuner")), _target_columns(),
                 [_target_cells(row) for row in rows])


def least_addressed_table(rows: list[TargetRow]) -> Table:
    columns = [Column("rank", str(_("Rank: 1 is the least addressed")), "integer"), *_target_columns()]
    return Table("least_addressed", str(_("Locally relevant targets, least addressed first")), columns,
                 [[rank, *_target_cells(row)] for rank, row in enumerate(rows, start=1)])


def kommune_table(rows: list[KommuneStatus]) -> Table:
    columns = [Column("kommune", str(_("Kommunenummer"))), Column("name", str(_("Name of the kommune"))),
               Column("fylke", str(_("Fylke number"))), Column("size_class", str(_("Size class by residents"))),
               Column("goal", str(_("Goal number")), "integer"),
               Column("status", str(_("Status on the kommune's dashboard: %(statuses)s")
                                    % {"statuses": ", ".join(STATUSES)})),
               _comparison_column(_("What the status colour compares")),
               Column("score", str(_("Goal score (0–100), empty without one")), "decimal"),
               Column("run", str(_("Measurement run the result comes from")), "integer")]
    return Table("kommune_goals", str(_("Every kommune's status per goal")), columns,
                 [[row.kommune, row.name, row.fylke, row.size_class, row.goal, row.status, row.comparison,
                   _rounded(row.score, 2), row.run] for row in rows])


def rollup_tables(rollup: Rollup) -> list[Table]:
    """Every table of the roll-up, in the order of the downloads, its statuses named by what their colours
    compare."""
    words = status_words_for(Comparison(rollup.metadata.comparison))
    return [
        goals_table(rollup.goals, words),
        *(breakdown_table(name, rollup.breakdown_labels[name], rows, words)
          for name, rows in rollup.breakdowns.items()),
        targets_table(rollup.targets),
        least_addressed_table(rollup.least_addressed),
        kommune_table(rollup.kommuner),
        *(materiality_tables(rollup.materiality) if rollup.materiality else []),
    ]


def metadata_items(rollup: Rollup) -> list[tuple[str, Any]]:
    """The roll-up's metadata as (key, value) pairs with plain values (lists joined)."""
    meta = rollup.metadata
    return [
        ("title", str(_("Lokalagenda national roll-up"))),
        ("generated_at", meta.generated_at.isoformat(timespec="seconds")),
        ("run_id", meta.run_id),
        ("run_finished_at", meta.run_finished_at.isoformat(timespec="seconds") if meta.run_finished_at else ""),
        ("narrowed_runs", " ".join(str(run) for run in meta.narrowed_runs)),
        ("methods", "; ".join(f"{name} {version}" for name, version in meta.methods.items())),
        ("data_fingerprint", meta.data_fingerprint),
        ("data_revisions", meta.data_revisions),
        ("kommuner", meta.kommuner),
        ("published_plans", meta.published_plans),
        ("language", meta.language),
        ("publishers", "; ".join(meta.publishers)),
        ("licence", meta.licence),
        ("comparison", meta.comparison),
        ("colour_legend", colour_meaning.legend([Comparison(meta.comparison)])),
        *(materiality_items(rollup.materiality) if rollup.materiality else []),
    ]


# Materiality assessments and adopting decisions (``rollup.materiality``) ----------------------------------------

def _group_columns() -> list[Column]:
    return [Column("breakdown", gettext("Breakdown: country, size (size class) or fylke")),
            Column("group", gettext("Code of the group: 0 for all kommuner, fylkeskommuner for all "
                                    "fylkeskommuner, else the size class or the fylke number")),
            Column("group_name", gettext("Name of the group")),
            Column("kind", gettext("Kind of the organisations counted: kommune or fylkeskommune"))]


def materiality_groups_table(rollup: MaterialityRollup) -> Table:
    columns = [*_group_columns(),
               Column("organisations", gettext("Organisations in the group"), "integer"),
               Column("published_assessments", gettext("Organisations with a published materiality assessment"),
                      "integer"),
               Column("adopted", gettext("Organisations whose council (or another political body) has adopted "
                                         "SDG priorities or the materiality assessment naming them"), "integer")]
    title = gettext("Published materiality assessments and adopted SDG priorities, by group")
    return Table("materiality_groups", title, columns,
                 [[group.breakdown, group.group, group.group_name, group.kind, group.organisations,
                   group.published, group.adopted] for group in rollup.groups])


def _materiality_columns() -> list[Column]:
    return [
        Column("assessed", gettext("Organisations of the group that assessed the target in their latest "
                                   "published assessment"), "integer"),
        Column("material", gettext("Of those, the organisations that found it material"), "integer"),
        Column("share_material", gettext("Share of those that assessed it that found it material (0–1), empty "
                                         "when none assessed it"), "share"),
        Column("rank_most", gettext("Rank among the most material targets of the group (the most organisations "
                                    "found it material), empty when none did"), "integer"),
        Column("rank_least", gettext("Rank among the least material targets of the group (the most "
                                     "organisations assessed it and found it not material), empty when none "
                                     "did"), "integer")]


def materiality_targets_table(rollup: MaterialityRollup) -> Table:
    columns = [*_group_columns(), Column("target", gettext("Target code")),
               Column("goal", gettext("Goal number"), "integer"), Column("title", gettext("Target text")),
               *_materiality_columns()]
    rows: list[list[Cell]] = [
        [group.breakdown, group.group, group.group_name, group.kind, row.code, row.goal, row.title, row.assessed,
         row.material, _rounded(row.share, 4), row.rank_most, row.rank_least]
        for group in rollup.groups for row in group.targets]
    title = gettext("How material the targets are found, from published assessments only")
    return Table("materiality_targets", title, columns, rows)


def adoptions_table(rollup: MaterialityRollup) -> Table:
    columns = [Column("number", gettext("Kommunenummer or fylkesnummer")),
               Column("name", gettext("Name of the organisation")),
               Column("kind", gettext("kommune or fylkeskommune")),
               Column("subject", gettext("What the decision adopted: priorities or assessment (the materiality "
                                         "assessment)")),
               Column("body", gettext("The political body that decided")),
               Column("decided_on", gettext("Date of the decision (YYYY-MM-DD)")),
               Column("case_number", gettext("Case number (saksnummer)")),
               Column("record_url", gettext("Link to the public case record, empty when none was given"))]
    return Table("adoptions", gettext("Each organisation's latest decision adopting SDG priorities"), columns,
                 [[row.number, row.name, row.kind, row.subject, row.body, row.decided_on.isoformat(),
                   row.case_number, row.record_url] for row in rollup.adoptions])


def adoption_years_table(rollup: MaterialityRollup) -> Table:
    columns = [Column("year", gettext("Year of the decisions"), "integer"),
               Column("kind", gettext("kommune or fylkeskommune")),
               Column("deciding", gettext("Organisations with a decision adopting SDG priorities that year"),
                      "integer"),
               Column("adopted_by_then", gettext("Organisations with such a decision that year or before"),
                      "integer")]
    return Table("adoptions_by_year", gettext("Decisions adopting SDG priorities, per year"), columns,
                 [[row.year, row.kind, row.deciding, row.adopted_by_then] for row in rollup.years])


def materiality_tables(rollup: MaterialityRollup) -> list[Table]:
    """The materiality roll-up's tables: counts by group, the targets by group, the adopting decisions."""
    return [materiality_groups_table(rollup), materiality_targets_table(rollup), adoptions_table(rollup),
            adoption_years_table(rollup)]


def materiality_items(rollup: MaterialityRollup) -> list[tuple[str, Any]]:
    """The headline counts of the materiality roll-up, for the metadata."""
    kommuner, fylkeskommuner = rollup.country("kommune"), rollup.country("fylkeskommune")
    return [("published_assessments_kommuner", kommuner.published),
            ("published_assessments_fylkeskommuner", fylkeskommuner.published),
            ("adopted_priorities_kommuner", kommuner.adopted),
            ("adopted_priorities_fylkeskommuner", fylkeskommuner.adopted)]
