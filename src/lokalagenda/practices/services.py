"""Writes of the practice library. Every write checks the user's role, keeps the search index in step and
lands in the audit log.

Editors and admins of the owning organisation write and submit; only its admins (or superusers) publish, and
for the national level its editors too (``accounts.permissions.can_publish``).
Once a practice is published, readers see only what an admin approved: an editor's edit becomes a pending
``PracticeRevision`` (the practice row, which every page, the API, reports and the search index read, keeps
the published text) until an admin approves it; an admin's own edit is live at once. Results and attachments
of a published practice are the admin's alone, since they show at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lokalagenda.accounts.models import Organisation
from lokalagenda.accounts.permissions import can_edit, can_publish, require_editor
from lokalagenda.accounts.services import audit, save_audited, snapshot
from lokalagenda.practices import attachments, search
from lokalagenda.practices.models import Attachment, Practice, PracticeResult, PracticeRevision

PRACTICE_FIELDS = ["title", "summary", "body", "kommuner", "start_year", "end_year", "targets", "partners",
                   "themes", "contact_name", "contact_email", "language", "status"]
#: What an editor writes: the practice's content, on the practice itself or on its pending revision.
TEXT_FIELDS = ("title", "summary", "body", "start_year", "end_year", "contact_name", "contact_email", "language")
RELATIONS = ("kommuner", "targets", "partners")
REVISION_FIELDS = [*TEXT_FIELDS, "themes", *RELATIONS]


@dataclass
class PracticeData:
    """What an editor enters; the form and the API both produce it."""

    title: str
    summary: str
    body: str
    kommuner: list[Any]
    start_year: int
    end_year: int | None
    targets: list[Any]
    partners: list[Any]
    themes: list[str]
    contact_name: str = ""
    contact_email: str = ""
    language: str = Practice.Language.NB


def can_approve(user: Any, organisation: Organisation) -> bool:
    """Who publishes the organisation's practices: its admins, at the national level its editors too
    (``accounts.permissions.can_publish``, the one home of the rule)."""
    return can_publish(user, organisation)


def needs_approval(practice: Practice | None, user: Any) -> bool:
    """Whether the user's edit of ``practice`` waits for an admin: a published practice edited by a non-admin."""
    return practice is not None and practice.is_published and not can_approve(user, practice.organisation)


def can_change_parts(user: Any, practice: Practice) -> bool:
    """Who adds or removes results and attachments: they show at once, so on a published practice only its
    admins do; before that, its editors."""
    if practice.is_published:
        return can_approve(user, practice.organisation)
    return can_edit(user, practice.organisation)


def _require_parts_writer(user: Any, practice: Practice) -> None:
    require_editor(user, practice.organisation)
    if not can_change_parts(user, practice):
        raise PermissionDenied(_("Only admins of %(organisation)s can change the results and attachments of a "
                                 "published practice.") % {"organisation": practice.organisation})


@transaction.atomic
def save_practice(organisation: Organisation, user: Any, data: PracticeData, practice: Practice | None = None
                  ) -> Practice:
    """Create a draft practice, or change one; raises PermissionDenied for anyone but the owner's editors.

    A non-admin's change to a published practice is stored as its pending revision (see ``needs_approval``);
    an admin's change goes live and replaces any pending revision, which the admin's form started from.
    """
    if practice is not None:
        organisation = practice.organisation
        practice = Practice.objects.select_for_update().get(pk=practice.pk)
    require_editor(user, organisation)
    if data.end_year is not None and data.end_year < data.start_year:
        raise ValidationError({"end_year": _("The last year is before the first year.")})
    values = {name: getattr(data, name) for name in TEXT_FIELDS}
    values["themes"] = sorted({theme.strip() for theme in data.themes if theme.strip()})
    relations = {name: getattr(data, name) for name in RELATIONS}
    if practice is not None and needs_approval(practice, user):
        revision = _pending(practice) or PracticeRevision(practice=practice)
        save_audited(user, revision, REVISION_FIELDS, organisation, validate=False,
                     values={**values, "updated_by": user}, relations=relations)
        return practice
    practice = practice or Practice(organisation=organisation)
    _apply(practice, user, {**values, "updated_by": user}, relations)
    revision = _pending(practice)
    if revision is not None:
        _drop(revision, user)
    return practice


def _apply(practice: Practice, user: Any, values: dict[str, Any], relations: dict[str, Any]) -> None:
    """Writes content onto the practice itself, which readers see, and indexes it for search."""
    save_audited(user, practice, PRACTICE_FIELDS, practice.organisation, validate=False, values=values,
                 relations=relations)
    search.index(practice)


def _pending(practice: Practice) -> PracticeRevision | None:
    return PracticeRevision.objects.filter(practice=practice).first()


def _lock(practice: Practice) -> None:
    """Holds the practice's row until the transaction ends, so an approval and an edit of its pending
    revision happen one after the other (``save_practice`` takes the same lock)."""
    list(Practice.objects.select_for_update().filter(pk=practice.pk).values_list("pk"))


def _drop(revision: PracticeRevision, user: Any) -> None:
    audit(user, "delete", revision, snapshot(revision, REVISION_FIELDS), None,
          organisation=revision.practice.organisation)
    revision.delete()


def _apply_revision(practice: Practice, user: Any, **extra: Any) -> bool:
    """Copies the pending revision onto the practice (its author stays the one who wrote it) and deletes it;
    False if there is none."""
    revision = _pending(practice)
    if revision is None:
        return False
    values = {name: getattr(revision, name) for name in (*TEXT_FIELDS, "themes", "updated_by")}
    relations = {name: list(getattr(revision, name).all()) for name in RELATIONS}
    _drop(revision, user)
    _apply(practice, user, {**values, **extra}, relations)
    return True


@transaction.atomic
def discard_revision(practice: Practice, user: Any) -> Practice:
    """Drops the change awaiting approval: the admin rejects it, or an editor takes it back."""
    require_editor(user, practice.organisation)
    _lock(practice)
    revision = _pending(practice)
    if revision is None:
        raise ValidationError(_("No change awaits approval."))
    _drop(revision, user)
    return practice


def pending_changes(practice: Practice) -> list[dict[str, Any]]:
    """What the pending revision changes, field by field: the label, the published and the proposed value
    (as text; the description as Markdown source)."""
    revision = _pending(practice)
    if revision is None:
        return []
    changes = []
    for name in REVISION_FIELDS:
        published, proposed = _shown(practice, name), _shown(revision, name)
        if published != proposed:
            changes.append({"name": name, "label": Practice._meta.get_field(name).verbose_name,
                            "published": published, "proposed": proposed})
    return changes


def _shown(instance: Practice | PracticeRevision, name: str) -> str:
    value = getattr(instance, name)
    if name in RELATIONS:
        return ", ".join(sorted(str(item) for item in value.all()))
    if name == "themes":
        return ", ".join(value)
    if name == "language":
        return str(Practice.Language(value).label)
    return "" if value is None else str(value)


def _change_status(practice: Practice, user: Any, status: str, **extra: Any) -> Practice:
    before = snapshot(practice, ["status"])
    practice.status = status
    for name, value in extra.items():
        setattr(practice, name, value)
    practice.save(update_fields=["status", "updated_at", *extra])
    audit(user, "update", practice, before, snapshot(practice, ["status"]), organisation=practice.organisation)
    return practice


@transaction.atomic
def submit(practice: Practice, user: Any) -> Practice:
    """An editor asks the organisation's admin to publish a draft."""
    require_editor(user, practice.organisation)
    if practice.status != Practice.Status.DRAFT:
        raise ValidationError(_("Only a draft can be submitted for approval."))
    return _change_status(practice, user, Practice.Status.SUBMITTED)


@transaction.atomic
def publish(practice: Practice, user: Any) -> Practice:
    """The organisation's admin approves and publishes a practice."""
    if not can_approve(user, practice.organisation):
        raise PermissionDenied(_("Only admins of %(organisation)s can publish its practices.")
                               % {"organisation": practice.organisation})
    _lock(practice)
    if practice.status == Practice.Status.PUBLISHED:
        if not _apply_revision(practice, user, approved_by=user):
            raise ValidationError(_("The practice is already published."))
        return practice
    return _change_status(practice, user, Practice.Status.PUBLISHED, published_at=timezone.now(), approved_by=user)


@transaction.atomic
def withdraw(practice: Practice, user: Any) -> Practice:
    """Back to draft: an editor takes back a submission, or an admin unpublishes."""
    allowed = can_approve(user, practice.organisation) if practice.is_published else can_edit(
        user, practice.organisation)
    if not allowed:
        raise PermissionDenied(_("You cannot withdraw this practice."))
    _lock(practice)
    _change_status(practice, user, Practice.Status.DRAFT, published_at=None)
    _apply_revision(practice, user)  # a draft is private, so the pending change simply becomes its text
    return practice


@transaction.atomic
def add_attachment(practice: Practice, user: Any, upload: UploadedFile, title: str = "") -> Attachment:
    """Stores a PDF or image after checking its content and size."""
    _require_parts_writer(user, practice)
    kind = attachments.check(upload, upload.size or 0, upload.name or "")
    attachment = Attachment.objects.create(practice=practice, file=upload, title=title.strip() or upload.name,
                                           kind=kind, size=upload.size, uploaded_by=user)
    audit(user, "create", attachment, None, {"practice": practice.pk, "title": attachment.title, "kind": kind,
                                              "size": attachment.size}, organisation=practice.organisation)
    return attachment


@transaction.atomic
def delete_practice(practice: Practice, user: Any) -> None:
    """Deletes a practice with its results, attachments and search terms (a published one: its admins only)."""
    _require_parts_writer(user, practice)
    before = snapshot(practice, PRACTICE_FIELDS)
    pk = practice.pk
    audit(user, "delete", practice, before, None, organisation=practice.organisation)
    for attachment in practice.attachments.all():
        attachment.file.delete(save=False)
    practice.delete()
    search.unindex(pk)


@transaction.atomic
def add_result(practice: Practice, user: Any, *, description: str, indicator: Any = None,
               before: float | None = None, after: float | None = None, year: int | None = None) -> PracticeResult:
    """Records a result of the practice; a measurable one names a catalogue indicator and its values."""
    _require_parts_writer(user, practice)
    result = PracticeResult.objects.create(practice=practice, description=description.strip(), indicator=indicator,
                                           before=before, after=after, year=year)
    audit(user, "create", result, None, snapshot(result), organisation=practice.organisation)
    return result


@transaction.atomic
def delete_result(result: PracticeResult, user: Any) -> None:
    _require_parts_writer(user, result.practice)
    audit(user, "delete", result, snapshot(result), None, organisation=result.practice.organisation)
    result.delete()
