"""The narrative sections of a Voluntary Local Review (UN-Habitat/UCLG guidelines) and their generated drafts.

A section's draft is written from the facts the report already holds, so a review reads sensibly before anyone
has written a word; an editor's saved text replaces it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class DraftFacts:
    """What the drafts may say: all of it read from stored results and registers."""

    place: str
    run_date: str
    indicators: int
    goals_with_results: int
    red_goals: list[str]
    green_goals: list[str]
    plans: int
    actions: int
    partnerships: int


def _opening(facts: DraftFacts) -> str:
    return _("%(place)s is committed to the 2030 Agenda. This Voluntary Local Review shows where %(place)s stands "
             "on the 17 Sustainable Development Goals, what it is doing, and what comes next.") % {"place": facts.place}


def _introduction(facts: DraftFacts) -> str:
    return _("The review follows the UN-Habitat and UCLG guidelines for Voluntary Local Reviews. It covers all 17 "
             "goals; %(goals)s of them have measured indicators for %(place)s.") % {
        "goals": facts.goals_with_results, "place": facts.place}


def _methodology(facts: DraftFacts) -> str:
    return _("The figures come from the measurement run of %(date)s: %(count)s indicators from official statistics, "
             "scored with the SDSN method and compared with similar kommuner, the fylke and the country. The annex "
             "lists every indicator with its source.") % {"date": facts.run_date, "count": facts.indicators}


def _leave_no_one_behind(facts: DraftFacts) -> str:
    return _("Describe here which groups in %(place)s risk being left behind, and how services reach them.") % {
        "place": facts.place}


def _institutions(facts: DraftFacts) -> str:
    return _("%(place)s works on the goals through %(plans)s registered plans with %(actions)s actions. Describe "
             "here who is responsible for the goals in the organisation and how the council follows them up.") % {
        "place": facts.place, "plans": facts.plans, "actions": facts.actions}


def _means(facts: DraftFacts) -> str:
    return _("%(place)s takes part in %(count)s registered partnerships. Describe here the budget, staff, data and "
             "partners that carry the work.") % {"place": facts.place, "count": facts.partnerships}


def _conclusion(facts: DraftFacts) -> str:
    if facts.red_goals:
        return _("The largest challenges are in %(goals)s. The next steps are to follow these goals closely and to "
                 "report progress in the next review.") % {"goals": ", ".join(facts.red_goals)}
    return _("No goal shows major challenges in this run. The next step is to keep the progress and to report on "
             "it in the next review.")


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    draft: Callable[[DraftFacts], str]


SECTIONS: dict[str, Section] = {section.key: section for section in (
    Section("opening", gettext_lazy("Opening statement"), _opening),
    Section("introduction", gettext_lazy("Introduction"), _introduction),
    Section("methodology", gettext_lazy("Methodology and process"), _methodology),
    Section("leave_no_one_behind", gettext_lazy("Leave no one behind"), _leave_no_one_behind),
    Section("institutions", gettext_lazy("Institutions"), _institutions),
    Section("means", gettext_lazy("Means of implementation"), _means),
    Section("conclusion", gettext_lazy("Conclusion and next steps"), _conclusion),
)}
