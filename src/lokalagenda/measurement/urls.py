from django.urls import path

from lokalagenda.measurement import views
from lokalagenda.measurement.similar import views as similar_views

app_name = "measurement"
urlpatterns = [
    path("kommune/<str:number>/indikator/<str:indicator_id>/", views.kommune_indicator_detail,
         name="kommune-indicator"),
    path("kommune/<str:number>/mal/<int:goal>/", views.kommune_goal_detail, name="kommune-goal"),
    path("fylke/<str:number>/mal/<int:goal>/", views.fylke_goal_detail, name="fylke-goal"),
    path("kommune/<str:number>/lignende/", similar_views.similar, name="similar"),
    path("sammenlign/", views.compare, name="compare"),
    path("nasjonalt/", views.national, name="national"),
]
