from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "lokalagenda.partnerships"
    label = "partnerships"
