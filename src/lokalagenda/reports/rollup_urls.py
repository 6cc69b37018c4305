"""URLs of the national roll-up: the page and its downloads."""

from django.urls import path

from lokalagenda.reports import rollup_views

app_name = "rollup"
urlpatterns = [
    path("nasjonalt/rapport/", rollup_views.rollup, name="page"),
    path("nasjonalt/rapport/last-ned/<str:format_name>/", rollup_views.rollup_download, name="download"),
]
