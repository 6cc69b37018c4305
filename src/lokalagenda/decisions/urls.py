"""The decision pages, once per place kind: ``kommune/<nr>/vedtak/…`` and ``fylke/<nr>/vedtak/…`` (the same URL
names with ``fylke-`` in front, ``decisions.pages.URL_PREFIXES``)."""

from django.urls import URLPattern, path

from lokalagenda.decisions import views
from lokalagenda.decisions.pages import URL_PREFIXES
from lokalagenda.places.place import PlaceKind

app_name = "decisions"

PAGES = [
    ("vedtak/", views.decision_list, "list"),
    ("vedtak/ny/", views.decision_edit, "new"),
    ("vedtak/<int:decision_id>/rediger/", views.decision_edit, "edit"),
    ("vedtak/<int:decision_id>/slett/", views.decision_delete, "delete"),
]


def place_patterns(kind: PlaceKind) -> list[URLPattern]:
    return [path(f"{kind}/<str:number>/{route}", view, {"place_kind": kind.value}, name=URL_PREFIXES[kind] + name)
            for route, view, name in PAGES]


urlpatterns = [pattern for kind in URL_PREFIXES for pattern in place_patterns(kind)]
