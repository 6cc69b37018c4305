"""The assessment pages, once per place kind: ``kommune/<nr>/vesentlighet/…`` and ``fylke/<nr>/vesentlighet/…``
(the same URL names with ``fylke-`` in front). The views resolve the owner from ``place_kind``."""

from django.urls import URLPattern, path

from lokalagenda.materiality import views
from lokalagenda.materiality.links import URL_PREFIXES
from lokalagenda.places.place import PlaceKind

app_name = "materiality"

PAGES = [
    ("", views.assessment, "assessment"),
    ("versjon/<int:version>/", views.assessment, "version"),
    ("mal/<int:goal>/", views.goal_edit, "goal"),
    ("publiser/", views.publish_draft, "publish"),
    ("matrise/", views.matrix, "matrix"),
    ("matrise/prioriteringer/", views.confirm_priorities, "priorities"),
]
"""Each assessment page: its path below ``<place kind>/<nr>/vesentlighet/``, its view and its URL name."""


def place_patterns(kind: PlaceKind) -> list[URLPattern]:
    return [path(f"{kind}/<str:number>/vesentlighet/{route}", view, {"place_kind": kind.value},
                 name=URL_PREFIXES[kind] + name) for route, view, name in PAGES]


urlpatterns = [pattern for kind in URL_PREFIXES for pattern in place_patterns(kind)]
