"""The plan pages, once per place kind: ``kommune/<nr>/…`` (URL names as they are) and ``fylke/<nr>/…`` (the same
names with ``fylke-`` in front). The views resolve the owner from ``place_kind`` (see ``plans.owners``)."""

from django.urls import URLPattern, path

from lokalagenda.places.place import PlaceKind
from lokalagenda.plans.owners import REGISTER_PAGES
from lokalagenda.plans.views import links, priorities, register

app_name = "plans"

PAGES = [
    ("prioriteringer/rediger/", priorities.priorities_edit, "priorities-edit"),
    ("planer/", register.plan_list, "plans"),
    ("planer/ny/", register.plan_edit, "plan-new"),
    ("dekning/", register.coverage, "coverage"),
    ("planer/<int:plan_id>/", register.plan_detail, "plan"),
    ("planer/<int:plan_id>/rediger/", register.plan_edit, "plan-edit"),
    ("planer/<int:plan_id>/dokument/ny/", register.document_upload, "document-new"),
    ("planer/<int:plan_id>/dokument/<int:document_id>/slett/", register.document_delete, "document-delete"),
    ("planer/<int:plan_id>/mal/ny/", register.goal_edit, "goal-new"),
    ("planer/<int:plan_id>/mal/<int:goal_id>/rediger/", register.goal_edit, "goal-edit"),
    ("planer/<int:plan_id>/mal/<int:goal_id>/tiltak/ny/", register.action_edit, "action-new"),
    ("planer/<int:plan_id>/mal/<int:goal_id>/tiltak/<int:action_id>/rediger/", register.action_edit,
     "action-edit"),
    ("planer/<int:plan_id>/lenker/<int:link_id>/slett/", links.remove_link, "link-remove"),
    ("planer/<int:plan_id>/<slug:kind>/<int:pk>/delmal/", links.targets, "targets"),
    ("planer/<int:plan_id>/<slug:kind>/<int:pk>/forslag/", links.suggestions, "suggestions"),
    ("planer/<int:plan_id>/<slug:kind>/<int:pk>/indikator/ny/", links.indicator_link, "indicator-new"),
]
"""Each plan page: its path below ``<place kind>/<nr>/``, its view and its URL name."""


def place_patterns(kind: PlaceKind) -> list[URLPattern]:
    prefix = REGISTER_PAGES[kind].url_prefix
    return [path(f"{kind}/<str:number>/{route}", view, {"place_kind": kind.value}, name=prefix + name)
            for route, view, name in PAGES]


urlpatterns = [pattern for kind in REGISTER_PAGES for pattern in place_patterns(kind)]
