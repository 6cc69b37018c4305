"""URLs of the residents' pages and the embeddable widgets."""

from django.urls import path

from lokalagenda.reports import public_views

app_name = "public"
urlpatterns = [
    path("kommune/<str:number>/innbyggere/", public_views.kommune_residents, name="kommune"),
    path("fylke/<str:number>/innbyggere/", public_views.fylke_residents, name="fylke"),
    path("innbygging/kommune/<str:number>/", public_views.kommune_widget, name="kommune-widget"),
    path("innbygging/fylke/<str:number>/", public_views.fylke_widget, name="fylke-widget"),
]
