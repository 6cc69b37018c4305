"""URLs of the national roll-up: the page and its downloads."""

from django.urls import path

from lokalagenda.reports.rollup import views

app_name = "rollup"
urlpatterns = [
    path("nasjonalt/rapport/", views.rollup, name="page"),
    path("nasjonalt/rapport/last-ned/<str:format_name>/", views.rollup_download, name="download"),
]
