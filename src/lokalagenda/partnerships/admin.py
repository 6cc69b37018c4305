from django.contrib import admin

from lokalagenda.partnerships.models import Partner, Partnership
from lokalagenda.persistence.admin import ReadOnlyAdmin


@admin.register(Partner)
class PartnerAdmin(ReadOnlyAdmin):
    """Read-only for superusers: partners are changed by editors, through audited services."""

    list_display = ["name", "kind", "organisation_number", "owner"]
    list_filter = ["kind"]
    search_fields = ["name", "organisation_number"]


@admin.register(Partnership)
class PartnershipAdmin(ReadOnlyAdmin):
    """Read-only for superusers: partnerships are changed by the owning organisation's editors."""

    list_display = ["title", "organisation", "status", "start_year", "end_year", "published"]
    list_filter = ["status", "published"]
    search_fields = ["title"]
