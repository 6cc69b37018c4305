from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "lokalagenda.plans"
    label = "plans"

    def ready(self) -> None:
        """Register the data download of the coverage chart (``/diagramdata/…``); a change of priorities changes
        the cached public pages."""
        from lokalagenda.plans import chart_data  # noqa: F401
        from lokalagenda.plans.models import Priorities
        from lokalagenda.ui.caching import register_data_stamp

        register_data_stamp("priorities", Priorities, "updated_at")
