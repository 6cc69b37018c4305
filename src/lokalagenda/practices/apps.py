from django.apps import AppConfig


class PracticesConfig(AppConfig):
    name = "lokalagenda.practices"
    label = "practices"
