"""URLs of the open data page and its downloads."""

from django.urls import path

from lokalagenda.reports.opendata import views

app_name = "opendata"
urlpatterns = [
    path("apne-data/", views.index, name="index"),
    path("apne-data/datapackage.json", views.package, name="datapackage"),
    path("apne-data/<str:filename>", views.download, name="download"),
]
