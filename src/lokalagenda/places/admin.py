"""Django admin for superusers: kommuner and fylker are reference data, loaded by `load-reference`, read-only here."""

from django.contrib import admin

from lokalagenda.persistence.admin import ReadOnlyAdmin
from lokalagenda.places.models import Fylke, Kommune, KostraGroup, KostraGroupMembership, Network, NetworkMembership


@admin.register(Kommune)
class KommuneAdmin(ReadOnlyAdmin):
    list_display = ["number", "name", "sami_name", "kven_name", "fylke"]
    list_filter = ["fylke"]
    search_fields = ["number", "name", "sami_name"]
    exclude = ["boundary"]


@admin.register(Fylke)
class FylkeAdmin(ReadOnlyAdmin):
    list_display = ["number", "name", "sami_name", "kven_name"]
    exclude = ["boundary"]


@admin.register(Network)
class NetworkAdmin(ReadOnlyAdmin):
    """Read-only here: national editors change networks on /nettverk/, through audited services."""

    list_display = ["name", "slug", "kind", "owner"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(NetworkMembership)
class NetworkMembershipAdmin(ReadOnlyAdmin):
    list_display = ["network", "kommune", "fylke", "joined_year", "left_year"]
    list_filter = ["network"]


@admin.register(KostraGroup)
class KostraGroupAdmin(ReadOnlyAdmin):
    """Read-only: KOSTRA groups are loaded from SSB Klass with `load-kostra-groups`."""

    list_display = ["code", "name"]


@admin.register(KostraGroupMembership)
class KostraGroupMembershipAdmin(ReadOnlyAdmin):
    list_display = ["kommune", "group", "valid_from", "valid_to", "source"]
    list_filter = ["group", "valid_from"]
