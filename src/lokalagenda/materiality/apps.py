from django.apps import AppConfig


class MaterialityConfig(AppConfig):
    name = "lokalagenda.materiality"
    label = "materiality"

    def ready(self) -> None:
        """A saved or published assessment changes the cached public pages that show it."""
        from lokalagenda.materiality.models import AssessmentVersion
        from lokalagenda.ui.caching import register_data_stamp

        register_data_stamp("materiality", AssessmentVersion, "published_at", count=True)
