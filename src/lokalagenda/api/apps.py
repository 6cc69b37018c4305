from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "lokalagenda.api"
    label = "api"
