from django.urls import path

from lokalagenda.places import views

app_name = "places"
urlpatterns = [
    path("fylke/", views.fylke_list, name="fylker"),
    path("fylke/<str:number>/", views.fylke_detail, name="fylke"),
]
