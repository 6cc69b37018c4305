"""The decision pages, once per place kind: ``kommune/<nr>/vedtak/…`` and ``fylke/<nr>/vedtak/…`` (the same URL
names with ``fylke-`` in front, ``places.owner_pages``)."""

from lokalagenda.decisions import views
from lokalagenda.places.owner_pages import place_patterns

app_name = "decisions"

PAGES = [
    ("vedtak/", views.decision_list, "list"),
    ("vedtak/ny/", views.decision_edit, "new"),
    ("vedtak/<int:decision_id>/rediger/", views.decision_edit, "edit"),
    ("vedtak/<int:decision_id>/slett/", views.decision_delete, "delete"),
]

urlpatterns = place_patterns(PAGES)
