from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "lokalagenda.web"
    label = "web"

    def ready(self) -> None:
        """Register the deploy checks (``lokalagenda check --deploy``) and the data downloads of the population
        charts (``/diagramdata/…``)."""
        from lokalagenda.web import checks  # noqa: F401
        from lokalagenda.web.pages import population_data  # noqa: F401
