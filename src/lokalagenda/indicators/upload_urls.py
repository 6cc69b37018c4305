from django.urls import path

from lokalagenda.indicators import upload_views

app_name = "uploads"
urlpatterns = [
    path("importer/", upload_views.upload, name="upload"),
    path("importer/<int:job_id>/", upload_views.job_detail, name="job"),
    path("importer/<int:job_id>/status/", upload_views.job_status, name="job-status"),
    path("indikatorer-lokale/ny/", upload_views.new_local_indicator, name="new-indicator"),
]
