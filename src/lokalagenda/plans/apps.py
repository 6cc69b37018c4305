from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "lokalagenda.plans"
    label = "plans"
