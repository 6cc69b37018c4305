from django.apps import AppConfig


class FrameworkConfig(AppConfig):
    name = "lokalagenda.framework"
    label = "framework"
