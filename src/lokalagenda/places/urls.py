from django.urls import path

from lokalagenda.places import boundary_views, views

app_name = "places"
urlpatterns = [
    path("fylke/", views.fylke_list, name="fylker"),
    path("fylke/<str:number>/", views.fylke_detail, name="fylke"),
    path("kart/grenser/<str:version>/<str:extent>.json", boundary_views.boundaries, name="boundaries"),
]
