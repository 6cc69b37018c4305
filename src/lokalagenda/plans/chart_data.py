"""The data download of the plan coverage page's chart (see :mod:`lokalagenda.indicators.exports`): per goal, how
many of its targets the plans take up (planned and measured, planned only, measured only, neither).

The page counts the plans the visitor may see (published ones, and drafts for the organisation's members), so the
download is a visitor's chart (:func:`~lokalagenda.indicators.exports.register_visitor_chart`): a member's file
holds the drafts their chart draws, anyone else's only the published plans. The counts are Lokalagenda's results
from the plans the organisation registered, under
:data:`~lokalagenda.core.exports.LICENCE_OF_RESULTS`.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lokalagenda.core.exports import LICENCE_OF_RESULTS, ChartTable
from lokalagenda.indicators.exports import (
    ChartDataRefused,
    ChartDownloads,
    chart_downloads,
    file_stem,
    register_visitor_chart,
)
from lokalagenda.places.place import Place, PlaceKind
from lokalagenda.plans.charts import PARTS, part_words, parts_by_goal
from lokalagenda.plans.coverage import coverage_for
from lokalagenda.plans.models import Plan
from lokalagenda.plans.owners import owner_for, plan_url
from lokalagenda.ui.language import active_language

CHART = "plan-coverage"


def coverage_downloads(owner: Place) -> ChartDownloads:
    """The data links and image file name of the coverage chart: ``bergen-4601-planer-dekning``."""
    return chart_downloads(CHART, {owner.kind.value: owner.number},
                           file_stem(owner.organisation_name, owner.number, "planer", "dekning"))


def _owner(params: QueryDict) -> Place:
    """The kommune (``?kommune=``) or fylkeskommune (``?fylke=``) whose plans the download counts."""
    for kind in PlaceKind:
        if params.get(kind.value):
            try:
                return owner_for(kind.value, params[kind.value])
            except Http404 as error:
                raise ChartDataRefused(_("No kommune or fylkeskommune with a plan register has the number "
                                         "%(number)s.") % {"number": params[kind.value]}, not_found=True) from error
    raise ChartDataRefused(_("Choose the kommune (kommune=…) or the fylke (fylke=…) whose plans to count."))


@register_visitor_chart(CHART)
def coverage_data(params: QueryDict, visitor: Any) -> ChartTable:
    """Per goal, the targets in each part of the chart, from the plans ``visitor`` may see."""
    owner = _owner(params)
    coverage = coverage_for(owner.organisation, Plan.objects.visible_to(visitor))
    language = active_language()
    keys = [key for key, _fill in PARTS]
    rows = [(goal.goal.number, goal.goal.short_in(language), *(counts[key] for key in keys), len(goal.rows))
            for goal, counts in parts_by_goal(coverage)]
    source = ngettext("Plans, local goals, actions and indicator links that %(name)s registered in Lokalagenda "
                      "(%(plans)s plan)",
                      "Plans, local goals, actions and indicator links that %(name)s registered in Lokalagenda "
                      "(%(plans)s plans)", len(coverage.plans)) % {"name": owner.organisation_name,
                                                                    "plans": len(coverage.plans)}
    return ChartTable(
        columns=("goal", "goal_name", *keys, "targets"), rows=rows, source=source, licence=LICENCE_OF_RESULTS,
        stem=coverage_downloads(owner).stem,
        labels={"goal": _("Goal"), "goal_name": _("Goal name"), **part_words(), "targets": _("Targets"),
                "source": _("Source"), "licence": _("Licence")},
        about={"title": _("SDG coverage of the plans of %(name)s") % {"name": owner.organisation_name},
               "page": plan_url(owner, "coverage")})

