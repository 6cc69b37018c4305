from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeasurementConfig(AppConfig):
    name = "lokalagenda.measurement"
    label = "measurement"
    verbose_name = _("Measurement")

    def ready(self) -> None:
        """Register the data downloads of the measurement charts (``/diagramdata/…``), and make a finished
        measurement run change the cached public pages."""
        from lokalagenda.measurement import chart_data  # noqa: F401
        from lokalagenda.measurement.models import MeasurementRun
        from lokalagenda.ui.caching import register_data_stamp

        register_data_stamp("run", MeasurementRun, "finished_at")
