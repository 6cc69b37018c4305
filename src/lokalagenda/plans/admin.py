from django.contrib import admin

from lokalagenda.persistence.admin import ReadOnlyAdmin
from lokalagenda.plans.models import Plan, Priorities, TargetLink


@admin.register(Priorities)
class PrioritiesAdmin(ReadOnlyAdmin):
    """Read-only for superusers: priorities are changed by the kommune's editors, through audited services."""

    list_display = ["organisation", "published", "updated_at", "updated_by"]
    list_filter = ["published"]



@admin.register(Plan)
class PlanAdmin(ReadOnlyAdmin):
    """Read-only for superusers: plans are changed by the organisation's editors, through audited services."""

    list_display = ["title", "organisation", "kind", "start_year", "end_year", "status", "published"]
    list_filter = ["kind", "status", "published"]


@admin.register(TargetLink)
class TargetLinkAdmin(ReadOnlyAdmin):
    list_display = ["target", "plan", "origin", "state", "score", "decided_by", "decided_at"]
    list_filter = ["origin", "state"]
