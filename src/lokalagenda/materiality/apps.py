from django.apps import AppConfig


class MaterialityConfig(AppConfig):
    """No data stamp: every write of an assessment (a draft entry, a published version) is audited, so the audit
    stamp changes the cached pages' data version (``ui.caching``)."""

    name = "lokalagenda.materiality"
    label = "materiality"
