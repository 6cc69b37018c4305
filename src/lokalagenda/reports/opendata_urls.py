"""URLs of the open data page and its downloads."""

from django.urls import path

from lokalagenda.reports import opendata_views

app_name = "opendata"
urlpatterns = [
    path("apne-data/", opendata_views.index, name="index"),
    path("apne-data/datapackage.json", opendata_views.package, name="datapackage"),
    path("apne-data/<str:filename>", opendata_views.download, name="download"),
]
