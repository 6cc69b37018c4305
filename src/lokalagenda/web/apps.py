from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "lokalagenda.web"
    label = "web"
