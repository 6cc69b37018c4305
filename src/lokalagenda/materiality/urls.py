"""The assessment pages, once per place kind: ``kommune/<nr>/vesentlighet/…`` and ``fylke/<nr>/vesentlighet/…``
(the same URL names with ``fylke-`` in front). The views resolve the owner from ``place_kind``."""

from lokalagenda.materiality import views
from lokalagenda.places.owner_pages import place_patterns

app_name = "materiality"

PAGES = [
    ("vesentlighet/", views.assessment, "assessment"),
    ("vesentlighet/versjon/<int:version>/", views.assessment, "version"),
    ("vesentlighet/mal/<int:goal>/", views.goal_edit, "goal"),
    ("vesentlighet/publiser/", views.publish_draft, "publish"),
    ("vesentlighet/matrise/", views.matrix, "matrix"),
    ("vesentlighet/matrise/prioriteringer/", views.confirm_priorities, "priorities"),
]

urlpatterns = place_patterns(PAGES)
