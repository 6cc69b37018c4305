"""The reports' URLs: each product (a sub-package) brings its own."""

from django.urls import include, path

urlpatterns = [
    path("", include("lokalagenda.reports.vlr.urls")),
    path("", include("lokalagenda.reports.residents.urls")),
    path("", include("lokalagenda.reports.rollup.urls")),
    path("", include("lokalagenda.reports.opendata.urls")),
]
