"""The indicators a key result can be measured by, as the picker offers them: named in the reader's language
(English only where the catalogue has no Norwegian name), the core set first, then the indicators of the
targets the local goal or action is linked to, then all others, each group in Norwegian alphabetical order.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from lokalagenda.accounts.models import Organisation
from lokalagenda.core.i18n import alphabetical
from lokalagenda.indicators.models import Indicator
from lokalagenda.indicators.set_membership import CORE_SET
from lokalagenda.plans.models import Action, LocalGoal, TargetLink
from lokalagenda.ui.language import active_language

#: How much of a long (UN) title the option shows.
LABEL_LENGTH = 110

GROUP_CORE = _("Core set")
GROUP_LINKED = _("Indicators of the goal's targets")
GROUP_OTHER = _("All other indicators")


@dataclass(frozen=True)
class IndicatorGroup:
    label: str
    choices: list[tuple[str, str]]


def indicator_label(indicator: Indicator, language: str) -> str:
    """The indicator's name in ``language`` (nynorsk falls back to bokmål, then English), shortened, with its
    unit in the reader's language."""
    name = indicator.title_in(language)
    if len(name) > LABEL_LENGTH:
        name = name[: LABEL_LENGTH - 1].rstrip() + "…"
    return f"{name} ({indicator.unit_label})" if indicator.unit else name


def pickable_indicators(organisation: Organisation | None) -> QuerySet[Indicator]:
    """The catalogue's indicators and the organisation's own local ones."""
    own = Q(organisation=organisation) if organisation is not None else Q(pk__in=[])
    return Indicator.objects.filter(Q(organisation__isnull=True) | own)


def linked_targets(subject: LocalGoal | Action | None) -> QuerySet[TargetLink]:
    """The accepted target links of a local goal, or of an action and its local goal."""
    accepted = TargetLink.objects.filter(state=TargetLink.State.ACCEPTED)
    if isinstance(subject, LocalGoal):
        return accepted.filter(goal=subject)
    if isinstance(subject, Action):
        return accepted.filter(Q(action=subject) | Q(goal=subject.goal_id))
    return accepted.none()


def indicator_groups(indicators: QuerySet[Indicator], subject: LocalGoal | Action | None,
                     language: str | None = None) -> list[IndicatorGroup]:
    """``indicators`` in three groups: the core set, those measuring a target the subject is linked to, the rest
    (empty groups left out)."""
    language = language or active_language()
    core = set(indicators.filter(sets__slug=CORE_SET[0]).values_list("pk", flat=True))
    linked = set(indicators.filter(targets__in=linked_targets(subject).values("target"))
                 .values_list("pk", flat=True)) - core
    grouped: dict[str, list[tuple[str, str]]] = {"core": [], "linked": [], "other": []}
    for indicator in indicators.only("id", "name_nb", "name_nn", "name_en", "unit"):
        key = "core" if indicator.pk in core else "linked" if indicator.pk in linked else "other"
        grouped[key].append((indicator.pk, indicator_label(indicator, language)))
    labels = {"core": GROUP_CORE, "linked": GROUP_LINKED, "other": GROUP_OTHER}
    return [IndicatorGroup(str(labels[key]), sorted(choices, key=lambda choice: alphabetical(choice[1])))
            for key, choices in grouped.items() if choices]
