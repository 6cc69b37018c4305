from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "lokalagenda.indicators"
    label = "indicators"
