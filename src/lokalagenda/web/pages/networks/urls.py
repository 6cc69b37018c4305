"""The networks' pages: a network's members, their status per goal, partnerships and practices. They sit in
``web`` because they gather what several apps know (places, measurement, partnerships, practices)."""

from django.urls import path

from lokalagenda.web.pages.networks import views

app_name = "networks"
urlpatterns = [
    path("nettverk/", views.network_list, name="list"),
    path("nettverk/nytt/", views.network_create, name="create"),
    path("nettverk/<slug:slug>/", views.network_detail, name="network"),
    path("nettverk/<slug:slug>/rediger/", views.network_edit, name="edit"),
    path("nettverk/<slug:slug>/medlem/", views.membership_edit, name="membership-edit"),
    path("nettverk/<slug:slug>/medlem/<int:pk>/fjern/", views.membership_remove, name="membership-remove"),
]
