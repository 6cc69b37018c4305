"""The networks' pages: a network's members, their status per goal, partnerships and practices. They sit in
``web`` because they gather what several apps know (places, measurement, partnerships, practices)."""

from django.urls import path

from lokalagenda.web import network_views

app_name = "networks"
urlpatterns = [
    path("nettverk/", network_views.network_list, name="list"),
    path("nettverk/nytt/", network_views.network_create, name="create"),
    path("nettverk/<slug:slug>/", network_views.network_detail, name="network"),
    path("nettverk/<slug:slug>/rediger/", network_views.network_edit, name="edit"),
    path("nettverk/<slug:slug>/medlem/", network_views.membership_edit, name="membership-edit"),
    path("nettverk/<slug:slug>/medlem/<int:pk>/fjern/", network_views.membership_remove, name="membership-remove"),
]
