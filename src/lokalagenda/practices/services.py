"""Writes of the practice library. Every write checks the user's role, keeps the search index in step and
lands in the audit log.

Editors and admins of the owning organisation write and submit; only its admins (or superusers) publish.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lokalagenda.accounts.models import Membership, Organisation
from lokalagenda.accounts.permissions import can_edit
from lokalagenda.accounts.services import audit, save_audited, snapshot
from lokalagenda.practices import attachments, search
from lokalagenda.practices.models import Attachment, Practice, PracticeResult

PRACTICE_FIELDS = ["title", "summary", "body", "kommuner", "start_year", "end_year", "targets", "partners",
                   "themes", "contact_name", "contact_email", "language", "status"]


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
    """Admins of the organisation (and superusers) publish its practices."""
    if getattr(user, "is_superuser", False):
        return True
    return Membership.objects.for_user(user).filter(organisation=organisation, role=Membership.Role.ADMIN).exists()


def _require_editor(user: Any, organisation: Organisation) -> None:
    if not can_edit(user, organisation):
        raise PermissionDenied(_("Only editors of %(organisation)s can change its practices.")
                               % {"organisation": organisation})


@transaction.atomic
def save_practice(organisation: Organisation, user: Any, data: PracticeData, practice: Practice | None = None
                  ) -> Practice:
    """Create a draft practice, or change one; raises PermissionDenied for anyone but the owner's editors."""
    if practice is not None:
        organisation = practice.organisation
        practice = Practice.objects.select_for_update().get(pk=practice.pk)
    _require_editor(user, organisation)
    if data.end_year is not None and data.end_year < data.start_year:
        raise ValidationError({"end_year": _("The last year is before the first year.")})
    practice = practice or Practice(organisation=organisation)
    values = {name: getattr(data, name) for name in ("title", "summary", "body", "start_year", "end_year",
                                                      "contact_name", "contact_email", "language")}
    save_audited(user, practice, PRACTICE_FIELDS, organisation, validate=False, values={
        **values, "themes": sorted({theme.strip() for theme in data.themes if theme.strip()}), "updated_by": user,
    }, relations={"kommuner": data.kommuner, "targets": data.targets, "partners": data.partners})
    search.index(practice)
    return practice


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
    _require_editor(user, practice.organisation)
    if practice.status != Practice.Status.DRAFT:
        raise ValidationError(_("Only a draft can be submitted for approval."))
    return _change_status(practice, user, Practice.Status.SUBMITTED)


@transaction.atomic
def publish(practice: Practice, user: Any) -> Practice:
    """The organisation's admin approves and publishes a practice."""
    if not can_approve(user, practice.organisation):
        raise PermissionDenied(_("Only admins of %(organisation)s can publish its practices.")
                               % {"organisation": practice.organisation})
    if practice.status == Practice.Status.PUBLISHED:
        raise ValidationError(_("The practice is already published."))
    return _change_status(practice, user, Practice.Status.PUBLISHED, published_at=timezone.now(), approved_by=user)


@transaction.atomic
def withdraw(practice: Practice, user: Any) -> Practice:
    """Back to draft: an editor takes back a submission, or an admin unpublishes."""
    allowed = can_approve(user, practice.organisation) if practice.is_published else can_edit(
        user, practice.organisation)
    if not allowed:
        raise PermissionDenied(_("You cannot withdraw this practice."))
    return _change_status(practice, user, Practice.Status.DRAFT, published_at=None)


@transaction.atomic
def add_attachment(practice: Practice, user: Any, upload: UploadedFile, title: str = "") -> Attachment:
    """Stores a PDF or image after checking its content and size."""
    _require_editor(user, practice.organisation)
    kind = attachments.check(upload, upload.size or 0, upload.name or "")
    attachment = Attachment.objects.create(practice=practice, file=upload, title=title.strip() or upload.name,
                                           kind=kind, size=upload.size, uploaded_by=user)
    audit(user, "create", attachment, None, {"practice": practice.pk, "title": attachment.title, "kind": kind,
                                              "size": attachment.size}, organisation=practice.organisation)
    return attachment


@transaction.atomic
def delete_practice(practice: Practice, user: Any) -> None:
    """Deletes a practice with its results, attachments and search terms."""
    _require_editor(user, practice.organisation)
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
    _require_editor(user, practice.organisation)
    result = PracticeResult.objects.create(practice=practice, description=description.strip(), indicator=indicator,
                                           before=before, after=after, year=year)
    audit(user, "create", result, None, snapshot(result), organisation=practice.organisation)
    return result


@transaction.atomic
def delete_result(result: PracticeResult, user: Any) -> None:
    _require_editor(user, result.practice.organisation)
    audit(user, "delete", result, snapshot(result), None, organisation=result.practice.organisation)
    result.delete()
