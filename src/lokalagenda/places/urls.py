from django.urls import path

from lokalagenda.places import network_views, views

app_name = "places"
urlpatterns = [
    path("fylke/", views.fylke_list, name="fylker"),
    path("fylke/<str:number>/", views.fylke_detail, name="fylke"),
    path("nettverk/", network_views.network_list, name="networks"),
    path("nettverk/nytt/", network_views.network_create, name="network-create"),
    path("nettverk/<slug:slug>/", network_views.network_detail, name="network"),
    path("nettverk/<slug:slug>/rediger/", network_views.network_edit, name="network-edit"),
    path("nettverk/<slug:slug>/medlem/", network_views.membership_edit, name="membership-edit"),
    path("nettverk/<slug:slug>/medlem/<int:pk>/fjern/", network_views.membership_remove, name="membership-remove"),
]
