from django.contrib import admin

from lokalagenda.materiality.models import AssessmentVersion, DraftEntry
from lokalagenda.persistence.admin import ReadOnlyAdmin


@admin.register(DraftEntry)
class DraftEntryAdmin(ReadOnlyAdmin):
    """Read-only for superusers: the organisation's editors change the draft through audited services."""

    list_display = ["organisation", "target", "situation", "influence", "material", "updated_at"]
    list_filter = ["situation", "influence", "material"]


@admin.register(AssessmentVersion)
class AssessmentVersionAdmin(ReadOnlyAdmin):
    """Read-only for superusers: a published version is never changed."""

    list_display = ["organisation", "number", "published_at", "published_by"]
