from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "lokalagenda.indicators"
    label = "indicators"

    def ready(self) -> None:
        """A new data revision changes the cached public pages."""
        from lokalagenda.indicators.models import DatasetRevision
        from lokalagenda.ui.caching import register_data_stamp

        register_data_stamp("revision", DatasetRevision, "id")
