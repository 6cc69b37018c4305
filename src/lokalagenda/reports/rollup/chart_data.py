"""The data downloads of the national roll-up page's charts (see :mod:`lokalagenda.indicators.exports`): the
status distribution (per goal, how many kommuner have each status) and the map of one goal (``?mal=``: every
kommune's status and score). Both read the same :func:`~lokalagenda.reports.rollup.build.build_rollup` the page
draws from, in the words the page gives each status (:func:`~lokalagenda.reports.rollup.page.status_words`), under
the roll-up's licence."""

from __future__ import annotations

from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _

from lokalagenda.core.exports import ChartTable
from lokalagenda.indicators.exports import ChartDataRefused, ChartDownloads, chart_downloads, file_stem, register_chart
from lokalagenda.measurement.chart_data import results_source
from lokalagenda.measurement.models import MeasurementRun
from lokalagenda.reports.rollup.build import LICENCE, STATUSES, NoCompleteRun, Rollup, StatusRow, build_rollup
from lokalagenda.reports.rollup.page import chosen_goal, status_words
from lokalagenda.ui.language import active_language

#: The file names of the distribution's data and images.
DISTRIBUTION_STEM = file_stem("nasjonal-rapport", "status-per-mal")


def _map_stem(goal: int) -> str:
    return file_stem("nasjonal-rapport", "mal", goal)


def rollup_chart_downloads(goal: StatusRow) -> dict[str, ChartDownloads]:
    """The data links and image file names of the page's charts: the distribution, and the map of ``goal``."""
    return {"distribution": chart_downloads("rollup-distribution", {}, DISTRIBUTION_STEM),
            "map": chart_downloads("rollup-map", {"mal": str(goal.goal)}, _map_stem(goal.goal))}


def _rollup() -> Rollup:
    try:
        return build_rollup(language=active_language())
    except NoCompleteRun as error:
        raise ChartDataRefused(_("No measurement run has finished yet."), not_found=True) from error


def _table(rollup: Rollup, columns: tuple[str, ...], rows: list[tuple[object, ...]], labels: dict[str, str],
           stem: str, page: str) -> ChartTable:
    run = MeasurementRun.objects.filter(pk=rollup.metadata.run_id).first()
    return ChartTable(columns=columns, rows=rows, source=results_source(run), licence=LICENCE, stem=stem,
                      labels={**labels, "source": _("Source"), "licence": _("Licence")},
                      about={"title": _("National roll-up"), "page": page})


@register_chart("rollup-distribution")
def distribution_data(params: QueryDict) -> ChartTable:
    """The status distribution: per goal and status, how many kommuner have it (a row per goal and status, as the
    chart's bars)."""
    rollup = _rollup()
    words, _legend = status_words(rollup)
    rows = [(row.goal, row.goal_name, status, words[status], row.counts[status])
            for row in rollup.goals for status in STATUSES]
    return _table(rollup, ("goal", "goal_name", "status", "status_words", "kommuner"), rows,
                  {"goal": _("Goal"), "goal_name": _("Goal name"), "status": _("Status"),
                   "status_words": _("Status in words"), "kommuner": _("Number of kommuner")},
                  DISTRIBUTION_STEM, reverse("rollup:page"))


@register_chart("rollup-map")
def map_data(params: QueryDict) -> ChartTable:
    """The map of one goal (``?mal=``, as the page chooses it): every kommune's status and score."""
    rollup = _rollup()
    goal = chosen_goal(rollup, params.get("mal", ""))
    words, _legend = status_words(rollup)
    rows = [(goal.goal, row.kommune, row.name, row.status, words[row.status], row.score)
            for row in rollup.statuses_for_goal(goal.goal)]
    return _table(rollup, ("goal", "kommune", "name", "status", "status_words", "score"), rows,
                  {"goal": _("Goal"), "kommune": _("Kommunenummer"), "name": _("Name"), "status": _("Status"),
                   "status_words": _("Status in words"), "score": _("Score (0–100)")},
                  _map_stem(goal.goal), f"{reverse('rollup:page')}?mal={goal.goal}")
