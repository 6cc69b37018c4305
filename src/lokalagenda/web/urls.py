"""The site's URLs: each app brings its own."""

from django.contrib import admin
from django.urls import include, path

from lokalagenda.api.api import api

urlpatterns = [
    path("", include("lokalagenda.web.site_urls")),
    path("", include("lokalagenda.framework.urls")),
    path("", include("lokalagenda.web.pages.place_urls")),
    path("", include("lokalagenda.web.pages.networks.urls")),
    path("", include("lokalagenda.plans.urls")),
    path("", include("lokalagenda.decisions.urls")),
    path("", include("lokalagenda.partnerships.urls")),
    path("", include("lokalagenda.web.pages.indicator_urls")),
    path("", include("lokalagenda.indicators.uploads.urls")),
    path("", include("lokalagenda.measurement.urls")),
    path("", include("lokalagenda.practices.urls")),
    path("", include("lokalagenda.materiality.urls")),
    path("", include("lokalagenda.reports.urls")),
    path("konto/", include("lokalagenda.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
