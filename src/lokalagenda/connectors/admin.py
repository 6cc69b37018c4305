"""Django admin for superusers: fetch specs may be edited here; the fetch log is written by ``sync`` only."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from lokalagenda.connectors.models import FetchLog, FetchSpec
from lokalagenda.persistence.admin import ReadOnlyAdmin


@admin.register(FetchSpec)
class FetchSpecAdmin(admin.ModelAdmin):
    list_display = ["indicator", "publisher", "table", "contents", "codelist", "first_year", "last_year",
                    "verified_by_evidence"]
    list_filter = ["publisher"]
    search_fields = ["indicator__id", "table", "contents"]
    raw_id_fields = ["indicator"]

    @admin.display(boolean=True, description=_("verified by its evidence"))
    def verified_by_evidence(self, spec: FetchSpec) -> bool:
        """Marked verified, and its evidence names every code it asks for (``FetchSpec.unverified_reasons``)."""
        return not spec.unverified_reasons()


@admin.register(FetchLog)
class FetchLogAdmin(ReadOnlyAdmin):
    list_display = ["spec", "task_key", "status", "http_status", "rows", "revision", "fetched_at"]
    list_filter = ["status", "spec__publisher"]
    search_fields = ["spec__indicator__id", "task_key", "url"]
