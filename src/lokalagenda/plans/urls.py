"""The plan pages, once per place kind: ``kommune/<nr>/…`` (URL names as they are) and ``fylke/<nr>/…`` (the same
names with ``fylke-`` in front). The views resolve the owner from ``place_kind`` (see ``plans.owners``)."""

from lokalagenda.places.owner_pages import place_patterns
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

urlpatterns = place_patterns(PAGES)
