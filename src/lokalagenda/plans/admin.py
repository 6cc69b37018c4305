from django.contrib import admin

from lokalagenda.persistence.admin import ReadOnlyAdmin
from lokalagenda.plans.models import Priorities


@admin.register(Priorities)
class PrioritiesAdmin(ReadOnlyAdmin):
    """Read-only for superusers: priorities are changed by the kommune's editors, through audited services."""

    list_display = ["organisation", "published", "updated_at", "updated_by"]
    list_filter = ["published"]

