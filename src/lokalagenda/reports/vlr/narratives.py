"""Writes and reads of narrative sections: each save is a new version, checked and audited."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from lokalagenda.accounts.models import AuditEntry, Organisation
from lokalagenda.accounts.permissions import require_editor
from lokalagenda.accounts.services import audit, save_audited, snapshot
from lokalagenda.reports.models import NarrativeVersion
from lokalagenda.reports.vlr.sections import SECTIONS, DraftFacts

MAX_LENGTH = 20_000


@dataclass
class Narrative:
    """A section as a report shows it: the latest saved text (published, or any for a preview), else the
    generated draft, else no text (readers then see that the section is not written yet). ``instruction`` is what
    the editors are asked to write: the editing views show it as help text, reports never do."""

    key: str
    title: str
    text: str
    version: NarrativeVersion | None
    instruction: str = ""

    @property
    def is_draft(self) -> bool:
        """Nobody has written the section yet: the text, if any, is generated from the data."""
        return self.version is None

    @property
    def generated(self) -> bool:
        """The text readers see is the factual draft generated from the data."""
        return self.version is None and bool(self.text)

    @property
    def missing(self) -> bool:
        """Nobody has written the section and the data give no draft: readers see a note instead."""
        return self.version is None and not self.text

    @property
    def unpublished(self) -> bool:
        """A saved text readers do not see yet (only in an editor's preview)."""
        return self.version is not None and not self.version.published


def narratives_for(organisation: Organisation | None, language: str, facts: DraftFacts, *,
                   drafts: bool = False) -> list[Narrative]:
    """Every section in order, with the organisation's latest published text in ``language`` (with ``drafts``,
    the latest text whether published or not) or the generated draft."""
    saved = (NarrativeVersion.objects.latest_per_section(organisation, language, drafts=drafts)
             if organisation is not None else {})
    return [Narrative(key, str(section.title), saved[key].text if key in saved else section.draft(facts) or "",
                      saved.get(key), str(section.instruction)) for key, section in SECTIONS.items()]


def versions_of(organisation: Organisation, section: str, language: str) -> list[NarrativeVersion]:
    """All saved versions of one section, newest first."""
    return list(NarrativeVersion.objects.for_organisation(organisation).of_section(section, language)
                .select_related("author"))


def _clean(section: str, language: str, text: str) -> str:
    if section not in SECTIONS:
        raise ValidationError(_("Unknown section “%(section)s”.") % {"section": section})
    if language not in NarrativeVersion.Language.values:
        raise ValidationError(_("Unknown language “%(language)s”: use nb, nn or en.") % {"language": language})
    text = text.strip()
    if not text:
        raise ValidationError(_("The text of the section is empty."))
    if len(text) > MAX_LENGTH:
        raise ValidationError(_("The text is longer than %(max)s characters.") % {"max": MAX_LENGTH})
    return text


@transaction.atomic
def save_narrative(user: Any, organisation: Organisation, section: str, language: str, text: str, *,
                   publish: bool = False) -> NarrativeVersion:
    """Store ``text`` as the next version of the section, a draft unless ``publish``; only the organisation's
    editors and admins may."""
    require_editor(user, organisation)
    text = _clean(section, language, text)
    # Lock the organisation row so two saves at once cannot take the same version number.
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    last = (NarrativeVersion.objects.for_organisation(organisation).of_section(section, language)
            .aggregate(last=Max("number"))["last"]) or 0
    version = NarrativeVersion.objects.create(organisation=organisation, section=section, language=language,
                                              number=last + 1, text=text, published=publish,
                                              author=user if getattr(user, "is_authenticated", False) else None)
    audit(user, AuditEntry.Action.CREATE, version, None, snapshot(version), organisation=organisation)
    return version


@transaction.atomic
def publish_version(user: Any, version: NarrativeVersion) -> NarrativeVersion:
    """Publish a saved version (readers then see it, unless a later version is published too); audited."""
    require_editor(user, version.organisation)
    return save_audited(user, version, ["published"], version.organisation, values={"published": True},
                        validate=False)
