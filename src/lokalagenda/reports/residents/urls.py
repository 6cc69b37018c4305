"""URLs of the residents' pages and the embeddable widgets."""

from django.urls import path

from lokalagenda.reports.residents import views

app_name = "public"
urlpatterns = [
    path("kommune/<str:number>/innbyggere/", views.kommune_residents, name="kommune"),
    path("fylke/<str:number>/innbyggere/", views.fylke_residents, name="fylke"),
    path("innbygging/kommune/<str:number>/", views.kommune_widget, name="kommune-widget"),
    path("innbygging/fylke/<str:number>/", views.fylke_widget, name="fylke-widget"),
]
