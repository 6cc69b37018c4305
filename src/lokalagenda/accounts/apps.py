from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "lokalagenda.accounts"
    label = "accounts"

    def ready(self) -> None:
        """Every audited edit (plans, actions, links, partnerships, narratives) changes the cached public pages."""
        from lokalagenda.accounts.models import AuditEntry
        from lokalagenda.ui.caching import register_data_stamp

        register_data_stamp("audit", AuditEntry, "id")
