from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    name = "lokalagenda.reference"
    label = "reference"
