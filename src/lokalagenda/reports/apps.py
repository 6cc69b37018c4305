from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "lokalagenda.reports"
    label = "reports"
    verbose_name = _("Reports")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Register the data downloads of the roll-up page's charts (``/diagramdata/…``), and what a council's
        decision adopting a VLR fingerprints (``reports.vlr.adoption``)."""
        from lokalagenda.decisions.models import Subject
        from lokalagenda.decisions.subjects import register
        from lokalagenda.reports.rollup import chart_data  # noqa: F401
        from lokalagenda.reports.vlr.adoption import vlr_content

        register(Subject.VLR, vlr_content)
