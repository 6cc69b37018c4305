from django.urls import path

from lokalagenda.plans import link_views, plan_views, views

app_name = "plans"
PLAN = "kommune/<str:number>/planer/<int:plan_id>/"
SUBJECT = PLAN + "<slug:kind>/<int:pk>/"
urlpatterns = [
    path("kommune/<str:number>/prioriteringer/rediger/", views.priorities_edit, name="priorities-edit"),
    path("kommune/<str:number>/planer/", plan_views.plan_list, name="plans"),
    path("kommune/<str:number>/planer/ny/", plan_views.plan_edit, name="plan-new"),
    path("kommune/<str:number>/dekning/", plan_views.coverage, name="coverage"),
    path(PLAN, plan_views.plan_detail, name="plan"),
    path(PLAN + "rediger/", plan_views.plan_edit, name="plan-edit"),
    path(PLAN + "dokument/ny/", plan_views.document_upload, name="document-new"),
    path(PLAN + "mal/ny/", plan_views.goal_edit, name="goal-new"),
    path(PLAN + "mal/<int:goal_id>/rediger/", plan_views.goal_edit, name="goal-edit"),
    path(PLAN + "mal/<int:goal_id>/tiltak/ny/", plan_views.action_edit, name="action-new"),
    path(PLAN + "mal/<int:goal_id>/tiltak/<int:action_id>/rediger/", plan_views.action_edit, name="action-edit"),
    path(PLAN + "lenker/<int:link_id>/slett/", link_views.remove_link, name="link-remove"),
    path(SUBJECT + "delmal/", link_views.targets, name="targets"),
    path(SUBJECT + "forslag/", link_views.suggestions, name="suggestions"),
    path(SUBJECT + "indikator/ny/", link_views.indicator_link, name="indicator-new"),
]
