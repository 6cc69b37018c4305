"""The places app's own pages. The site includes them through ``web.pages.place_urls``, which adds the fylke
page to the same namespace."""

from django.urls import path

from lokalagenda.places import boundary_views, views

app_name = "places"
urlpatterns = [
    path("fylke/", views.fylke_list, name="fylker"),
    path("kart/grenser/<str:version>/<str:extent>.json", boundary_views.boundaries, name="boundaries"),
]
