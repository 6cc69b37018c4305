"""Django admin for superusers: organisations and memberships (audited), and the read-only audit log."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from lokalagenda.accounts.models import ApiToken, AuditEntry, Membership, Organisation
from lokalagenda.accounts.services import audit, snapshot


class AuditedAdmin(admin.ModelAdmin):
    """Writes made in the admin go to the audit log like every other write."""

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        before = snapshot(type(obj).objects.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)
        audit(request.user, "update" if change else "create", obj, before, snapshot(obj))

    def delete_model(self, request: Any, obj: Any) -> None:
        before = snapshot(obj)
        audit(request.user, "delete", obj, before, None)
        super().delete_model(request, obj)


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ["name", "kind", "kommune", "fylke"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    raw_id_fields = ["kommune", "fylke"]


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role", "organisation__kind"]
    search_fields = ["user__username", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "action", "model", "object_pk", "organisation"]
    list_filter = ["action", "model"]
    readonly_fields = [field.name for field in AuditEntry._meta.fields]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["prefix", "name", "user", "organisation", "created_at", "last_used_at", "revoked"]
    list_filter = ["revoked"]
    readonly_fields = ["prefix", "secret_hash", "created_at", "last_used_at", "user", "organisation", "scopes"]

    def has_add_permission(self, request: Any) -> bool:
        return False
