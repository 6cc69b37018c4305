from django.contrib import admin

from lokalagenda.decisions.models import Decision
from lokalagenda.persistence.admin import ReadOnlyAdmin


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    """Read-only for superusers: the organisation's editors record decisions through audited services."""

    list_display = ["organisation", "subject", "body", "decided_on", "case_number"]
    list_filter = ["subject", "body"]
    search_fields = ["case_number", "text"]
