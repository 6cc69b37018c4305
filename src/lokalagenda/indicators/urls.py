"""The indicators app's own pages. The site includes them through ``web.pages.indicator_urls``, which adds the
core set's page to the same namespace."""

from django.urls import path

from lokalagenda.indicators import exports, views

app_name = "indicators"
urlpatterns = [
    path("indikatorer/", views.catalogue, name="catalogue"),
    path("indikatorer/eksport/", exports.export, name="export"),
    path("indikatorer/<str:indicator_id>/", views.indicator_detail, name="indicator"),
    path("indikatorer/<str:indicator_id>/revisjon/<int:number>/", views.revision_detail, name="revision"),
    path("diagramdata/<str:chart>.<str:format>", exports.chart_data, name="chart-data"),
]
