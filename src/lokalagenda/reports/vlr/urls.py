"""URLs of the VLR part of reports: the review and the brief of a kommune or fylke, the saksframlegg of its
materiality assessment, and the narrative editor."""

from django.urls import re_path

from lokalagenda.reports.vlr import views

app_name = "vlr"

PLACE = r"^(?P<place_kind>kommune|fylke)/(?P<number>[0-9]{2,4})/rapport/"

urlpatterns = [
    re_path(PLACE + r"tekster/$", views.narratives, name="narratives"),
    re_path(PLACE + r"tekster/(?P<section>[a-z_]+)/$", views.narrative, name="narrative"),
    re_path(PLACE + r"(?P<report_type>vlr|brief)/$", views.report, name="report"),
    re_path(PLACE + r"saksframlegg/(?P<output_format>docx|pdf)/$", views.saksframlegg, name="saksframlegg"),
]
