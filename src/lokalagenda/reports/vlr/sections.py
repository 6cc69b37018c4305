"""The narrative sections of a Voluntary Local Review (UN-Habitat/UCLG guidelines) and their generated drafts.

Each section has an *instruction* and a *draft*. The instruction says what the kommune is asked to write; it is
shown to the organisation's editors as help text in the narrative editor and never to readers. The draft is a
short factual paragraph written from what the report already holds (counts of goals, indicators, plans, actions,
partnerships), so a review reads sensibly before anyone has written a word; where the data say nothing about a
section the draft is ``None`` and readers see a one-line note that the section has not been written yet. An
editor's saved text replaces both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext


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


def _opening(facts: DraftFacts) -> str | None:
    if not facts.indicators:
        return None
    return _("This Voluntary Local Review shows where %(place)s stands on the 17 Sustainable Development Goals, "
             "from the measurement run of %(date)s and the plans, actions and partnerships %(place)s has "
             "published.") % {"place": facts.place, "date": facts.run_date}


def _introduction(facts: DraftFacts) -> str | None:
    if not facts.indicators:
        return None
    return ngettext("The review follows the UN-Habitat and UCLG guidelines for Voluntary Local Reviews. It covers "
                    "all 17 goals; %(count)s of them has measured indicators for %(place)s.",
                    "The review follows the UN-Habitat and UCLG guidelines for Voluntary Local Reviews. It covers "
                    "all 17 goals; %(count)s of them have measured indicators for %(place)s.",
                    facts.goals_with_results) % {"count": facts.goals_with_results, "place": facts.place}


def _methodology(facts: DraftFacts) -> str | None:
    if not facts.indicators:
        return None
    return ngettext("The figures come from the measurement run of %(date)s: %(count)s indicator from official "
                    "statistics, scored with the SDSN method and compared with similar kommuner, the fylke and the "
                    "country. The annex lists it with its source.",
                    "The figures come from the measurement run of %(date)s: %(count)s indicators from official "
                    "statistics, scored with the SDSN method and compared with similar kommuner, the fylke and the "
                    "country. The annex lists every indicator with its source.",
                    facts.indicators) % {"date": facts.run_date, "count": facts.indicators}


def _institutions(facts: DraftFacts) -> str | None:
    if not facts.plans:
        return None
    plans = ngettext("%(place)s has %(count)s published plan", "%(place)s has %(count)s published plans",
                     facts.plans) % {"place": facts.place, "count": facts.plans}
    actions = ngettext("with %(count)s action in all.", "with %(count)s actions in all.",
                       facts.actions) % {"count": facts.actions}
    return f"{plans} {actions}"


def _means(facts: DraftFacts) -> str | None:
    if not facts.partnerships:
        return None
    return ngettext("%(place)s takes part in %(count)s published partnership.",
                    "%(place)s takes part in %(count)s published partnerships.",
                    facts.partnerships) % {"place": facts.place, "count": facts.partnerships}


def _conclusion(facts: DraftFacts) -> str | None:
    if not facts.goals_with_results:
        return None
    if facts.red_goals:
        return ngettext("The measurement rates %(count)s goal red: %(goals)s.",
                        "The measurement rates %(count)s goals red: %(goals)s.",
                        len(facts.red_goals)) % {"count": len(facts.red_goals), "goals": ", ".join(facts.red_goals)}
    return _("The measurement rates no goal red.")  # red says nothing of a target where colours are relative


def _no_draft(facts: DraftFacts) -> None:
    """A section the data say nothing about: only the kommune can write it."""
    return None


@dataclass(frozen=True)
class Section:
    """A narrative section: its title, the instruction editors see, and the factual draft readers see until a
    text is published (``None``: readers see that the section is not written yet)."""

    key: str
    title: Any
    instruction: Any
    draft: Callable[[DraftFacts], str | None]


SECTIONS: dict[str, Section] = {section.key: section for section in (
    Section("opening", gettext_lazy("Opening statement"),
            gettext_lazy("A short statement from the mayor or the council: why the kommune works with the 2030 "
                         "Agenda and what this review is for."), _opening),
    Section("introduction", gettext_lazy("Introduction"),
            gettext_lazy("What the review covers, who took part in writing it, and how residents and partners "
                         "were involved."), _introduction),
    Section("methodology", gettext_lazy("Methodology and process"),
            gettext_lazy("How the kommune chose its indicators and priorities, and how the review was made and "
                         "checked."), _methodology),
    Section("leave_no_one_behind", gettext_lazy("Leave no one behind"),
            gettext_lazy("Describe which groups in the kommune risk being left behind, and how services reach "
                         "them."), _no_draft),
    Section("institutions", gettext_lazy("Institutions"),
            gettext_lazy("Describe who is responsible for the goals in the organisation and how the council "
                         "follows them up."), _institutions),
    Section("means", gettext_lazy("Means of implementation"),
            gettext_lazy("Describe the budget, staff, data and partners that carry the work."), _means),
    Section("conclusion", gettext_lazy("Conclusion and next steps"),
            gettext_lazy("Sum up the main challenges and what the kommune will do next, until the next "
                         "review."), _conclusion),
)}
