from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "lokalagenda.decisions"
    label = "decisions"

    def ready(self) -> None:
        """The subjects this app knows register how their content is fingerprinted (the VLR registers itself in
        ``reports``); the plan page and the assessment pages show the badge through the page notes
        (``ui.page_notes``). No data stamp: every write of a decision is audited, so the audit stamp changes the
        cached pages' data version (``ui.caching``)."""
        from lokalagenda.decisions import subjects
        from lokalagenda.decisions.badges import PAGE_NOTES
        from lokalagenda.ui.page_notes import register_page_note

        subjects.register_own_subjects()
        for slot, note in PAGE_NOTES.items():
            register_page_note(slot, note)
