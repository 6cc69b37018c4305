from django.apps import AppConfig


class UiConfig(AppConfig):
    """An app without models, installed for its templates and template tags: the partials every app's pages draw
    with (figures and charts, form fields, pagination, the permalink) and the formatting and picker tags."""

    name = "lokalagenda.ui"
    label = "ui"
