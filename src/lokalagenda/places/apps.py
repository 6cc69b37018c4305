from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "lokalagenda.places"
    label = "places"
