from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "lokalagenda.web"
    label = "web"

    def ready(self) -> None:
        """Register the deploy checks (``lokalagenda check --deploy``)."""
        from lokalagenda.web import checks  # noqa: F401
