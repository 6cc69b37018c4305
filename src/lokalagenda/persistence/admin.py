"""Admin classes shared by several apps."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """For reference data that a loader owns: superusers may look, never change it by hand."""

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
