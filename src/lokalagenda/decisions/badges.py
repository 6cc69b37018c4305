"""The latest decision that adopted a subject, as pages show it beside what was adopted: "Vedtatt i
kommunestyret 20.06.2024, sak 45/24", marked when the subject has changed since (``subjects.changed_since``).

Pages of apps above ``decisions`` load the tag library ``decisions`` (``{% decision_badge %}``); the plan page and
the assessment pages, whose apps lie below, show it through the page notes
(``ui.page_notes``, slots ``"plan"`` and ``"assessment"``) this app fills in its ``ready()`` (:data:`PAGE_NOTES`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string

from lokalagenda.decisions.models import Body, Decision, Subject
from lokalagenda.decisions.subjects import changed_since

BADGE_TEMPLATE = "decisions/_badge.html"


@dataclass(frozen=True)
class Adoption:
    """The latest decision about a subject and whether the subject has changed since."""

    decision: Decision
    changed: bool

    @property
    def body(self) -> str:
        """How the badge names the body: the committee's own name for an utvalg, else the body ("kommunestyret")."""
        if self.decision.body == Body.UTVALG:
            return self.decision.body_name
        return str(self.decision.get_body_display())


def adoption_of(organisation: Any, subject: str, plan: Any = None) -> Adoption | None:
    """The latest decision of the organisation adopting ``subject`` (for a plan: that plan), or None."""
    if organisation is None or (subject == Subject.PLAN and plan is None):
        return None
    decision = Decision.objects.filter(organisation=organisation).about(subject, plan).latest()
    if decision is None:
        return None
    return Adoption(decision, changed_since(decision))


def badge_html(adoption: Adoption | None) -> str:
    return render_to_string(BADGE_TEMPLATE, {"adoption": adoption}) if adoption else ""


def plan_note(plan: Any) -> str:
    """The badge of the plan's latest decision, for the plan page (slot ``"plan"``); empty without one."""
    return badge_html(adoption_of(plan.organisation, Subject.PLAN, plan))


def assessment_note(organisation: Any) -> str:
    """The badge of the latest decision adopting the organisation's materiality assessment (slot
    ``"assessment"``, for the assessment pages of ``materiality``); empty without one."""
    return badge_html(adoption_of(organisation, Subject.ASSESSMENT))


#: The page-notes slots (``ui.page_notes``) this app fills, for the pages of apps below it.
PAGE_NOTES = {"plan": plan_note, "assessment": assessment_note}
