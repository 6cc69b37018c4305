from django.urls import path

from lokalagenda.framework import views

app_name = "framework"
urlpatterns = [
    path("mal/", views.goal_list, name="goals"),
    path("mal/<int:number>/", views.goal_detail, name="goal"),
    path("delmal/<str:code>/", views.target_detail, name="target"),
    path("delmal/<str:code>/rett-tekst/", views.correct_texts, {"kind": "target"}, name="target-correct"),
    path("indikator/<str:code>/", views.indicator_detail, name="indicator"),
    path("indikator/<str:code>/rett-tekst/", views.correct_texts, {"kind": "indicator"}, name="indicator-correct"),
]
