from django.contrib import admin

from lokalagenda.persistence.admin import ReadOnlyAdmin
from lokalagenda.practices.models import Attachment, Practice, PracticeRevision


@admin.register(Practice)
class PracticeAdmin(ReadOnlyAdmin):
    """Read-only for superusers: practices are changed by the organisation's editors, through audited services
    that also keep the search index in step."""

    list_display = ["title", "organisation", "start_year", "status", "language", "updated_at"]
    list_filter = ["status", "language"]
    search_fields = ["title"]


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdmin):
    list_display = ["title", "practice", "kind", "size", "uploaded_at"]
    list_filter = ["kind"]


@admin.register(PracticeRevision)
class PracticeRevisionAdmin(ReadOnlyAdmin):
    """Editors' changes of published practices awaiting their organisation's admin (approved on the practice's
    page)."""

    list_display = ["practice", "title", "updated_by", "updated_at"]
