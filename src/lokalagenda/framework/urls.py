from django.urls import path

from lokalagenda.framework import views
from lokalagenda.framework.relevance import views as relevance_views

app_name = "framework"
urlpatterns = [
    path("mal/", views.goal_list, name="goals"),
    path("mal/<int:number>/", views.goal_detail, name="goal"),
    path("mal/tekster/", views.text_work_list, name="texts"),
    path("mal/lokal-relevans/", relevance_views.relevance_overview, name="relevance"),
    path("delmal/<str:code>/", views.target_detail, name="target"),
    path("delmal/<str:code>/rett-tekst/", views.correct_texts, {"kind": "target"}, name="target-correct"),
    path("delmal/<str:code>/lokal-relevans/", relevance_views.target_relevance, name="target-relevance"),
    path("delmal/<str:code>/lokal-relevans/endre/", relevance_views.edit_relevance, name="target-relevance-edit"),
    path("indikator/<str:code>/", views.indicator_detail, name="indicator"),
    path("indikator/<str:code>/rett-tekst/", views.correct_texts, {"kind": "indicator"}, name="indicator-correct"),
]
