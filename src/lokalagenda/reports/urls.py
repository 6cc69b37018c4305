"""The reports' URLs: each part brings its own module."""

from django.urls import include, path

urlpatterns = [
    path("", include("lokalagenda.reports.vlr_urls")),
    path("", include("lokalagenda.reports.public_urls")),
    path("", include("lokalagenda.reports.rollup_urls")),
    path("", include("lokalagenda.reports.opendata_urls")),
]
