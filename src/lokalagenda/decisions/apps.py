from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "lokalagenda.decisions"
    label = "decisions"

    def ready(self) -> None:
        """A recorded decision changes the cached public pages that say what was adopted; the subjects this app
        knows register how their content is fingerprinted (the VLR registers itself in ``reports``)."""
        from lokalagenda.decisions import subjects
        from lokalagenda.decisions.models import Decision
        from lokalagenda.ui.caching import register_data_stamp

        register_data_stamp("decisions", Decision, "updated_at", count=True)
        subjects.register_own_subjects()
