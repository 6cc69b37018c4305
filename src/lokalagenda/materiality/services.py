"""Every write of a materiality assessment: an editor saves a target's entry in the draft, removes it, or
publishes the draft as a new version. Only editors of the organisation may (``require_editor``); each write is
audited and runs in one transaction."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lokalagenda.accounts.models import Organisation
from lokalagenda.accounts.permissions import require_editor
from lokalagenda.accounts.services import audit, save_audited
from lokalagenda.core.digest import content_digest
from lokalagenda.framework.models import Goal, Target
from lokalagenda.materiality.models import AssessmentVersion, DraftEntry, Judgement, Participant, PublishedEntry
from lokalagenda.plans.models import Priorities
from lokalagenda.plans.services import save_priorities

#: The organisation kinds that assess targets.
ASSESSING_KINDS = (Organisation.Kind.KOMMUNE, Organisation.Kind.FYLKESKOMMUNE)


def _refuse_unless_editor(user: Any, organisation: Organisation) -> None:
    require_editor(user, organisation, _("Only editors of %(organisation)s can change its materiality assessment."))
    if organisation.kind not in ASSESSING_KINDS:
        raise ValidationError(_("Only a kommune or a fylkeskommune assesses the targets; %(organisation)s is "
                                "neither.") % {"organisation": organisation})


def _involved(values: Iterable[str]) -> list[str]:
    """The participants in their fixed order, each once; an unknown one is a ValidationError naming it."""
    chosen = set(values)
    unknown = sorted(chosen - set(Participant.values))
    if unknown:
        raise ValidationError({"involved": _("Unknown participants: %(names)s. Choose among %(choices)s.")
                               % {"names": ", ".join(unknown), "choices": ", ".join(Participant.values)}})
    return [value for value in Participant.values if value in chosen]


@transaction.atomic
def save_entry(organisation: Organisation, user: Any, target: Target, *, situation: str, influence: str,
               rationale: str = "", material: bool = False, involved: Iterable[str] = ()) -> DraftEntry:
    """Create or change the draft entry of ``target``; a wrong choice is a ValidationError naming its field."""
    _refuse_unless_editor(user, organisation)
    entry = (DraftEntry.objects.select_for_update().filter(organisation=organisation, target=target).first()
             or DraftEntry(organisation=organisation, target=target))
    values = {"situation": situation, "influence": influence, "rationale": rationale, "material": bool(material),
              "involved": _involved(involved), "updated_by": user}
    return save_audited(user, entry, Judgement.FIELDS, organisation, values=values)


@transaction.atomic
def remove_entry(organisation: Organisation, user: Any, target: Target) -> bool:
    """Take ``target`` out of the draft (True if it was there); published versions keep it."""
    _refuse_unless_editor(user, organisation)
    entry = DraftEntry.objects.filter(organisation=organisation, target=target).first()
    if entry is None:
        return False
    audit(user, "delete", entry, entry.judgement(), None, organisation=organisation)
    entry.delete()
    return True


def fingerprint(judgements: Iterable[Mapping[str, object]]) -> str:
    """The SHA-256 of entries' judgements, independent of their order: equal content, equal fingerprint."""
    return content_digest(sorted((dict(row) for row in judgements), key=lambda row: str(row["target"])))


def draft_fingerprint(organisation: Organisation) -> str:
    return fingerprint(entry.judgement() for entry in DraftEntry.objects.for_organisation(organisation))


def has_unpublished_changes(organisation: Organisation) -> bool:
    """Whether the draft differs from the newest published version (a draft never published counts)."""
    latest = AssessmentVersion.objects.latest_for(organisation)
    if latest is None:
        return DraftEntry.objects.filter(organisation=organisation).exists()
    return draft_fingerprint(organisation) != latest.fingerprint


@transaction.atomic
def publish(organisation: Organisation, user: Any) -> AssessmentVersion:
    """Publish the draft as the organisation's next version. An empty draft is a ValidationError; a draft equal
    to the newest version publishes nothing and returns that version."""
    _refuse_unless_editor(user, organisation)
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()  # one publisher at a time
    entries = list(DraftEntry.objects.for_organisation(organisation))
    if not entries:
        raise ValidationError(_("The assessment has no assessed targets to publish."))
    digest = fingerprint(entry.judgement() for entry in entries)
    latest = AssessmentVersion.objects.latest_for(organisation)
    if latest is not None and latest.fingerprint == digest:
        return latest
    version = AssessmentVersion.objects.create(organisation=organisation, number=(latest.number + 1 if latest else 1),
                                               published_by=user, fingerprint=digest)
    PublishedEntry.objects.bulk_create(
        PublishedEntry(version=version, target_id=entry.target_id,
                       **{name: getattr(entry, name) for name in Judgement.FIELDS}) for entry in entries)
    audit(user, "publish", version, None, {"number": version.number, "entries": len(entries),
                                           "fingerprint": digest}, organisation=organisation)
    return version


@transaction.atomic
def confirm_priorities(organisation: Organisation, user: Any, targets: Iterable[Target], *, reason: str,
                       publish_now: bool = False) -> Priorities:
    """Make ``targets``, confirmed from the matrix, the organisation's priority targets, through the same service
    as the priorities page (``plans.services.save_priorities``, which checks the editor and audits): the goals
    are the priority goals already chosen plus the goals of these targets, the statement is ``reason``
    (required), and the priorities stay published or not as they were, unless ``publish_now``."""
    require_editor(user, organisation, _("Only editors of this organisation can change its priorities."))
    chosen = list(targets)
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the priorities.")})
    if not chosen:
        raise ValidationError({"targets": _("Choose at least one target.")})
    current = Priorities.objects.filter(organisation=organisation).first()
    goals = {goal.number: goal for goal in current.goals.all()} if current is not None else {}
    goals.update((goal.number, goal) for goal in Goal.objects.filter(number__in={t.goal_id for t in chosen}))
    return save_priorities(organisation, user, statement=reason.strip(), goals=sorted(goals.values(),
                                                                                        key=lambda g: g.number),
                           targets=chosen, published=publish_now or (current is not None and current.published))
