from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "lokalagenda.practices"
    label = "practices"

    def ready(self) -> None:
        """A changed, new or deleted practice changes the cached public pages (the kommune page suggests practices)."""
        from lokalagenda.practices.models import Practice
        from lokalagenda.ui.caching import register_data_stamp

        register_data_stamp("practices", Practice, "updated_at", count=True)
