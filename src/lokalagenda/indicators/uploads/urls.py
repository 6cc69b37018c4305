from django.urls import path

from lokalagenda.indicators.uploads import views

app_name = "uploads"
urlpatterns = [
    path("importer/", views.upload, name="upload"),
    path("importer/<int:job_id>/", views.job_detail, name="job"),
    path("importer/<int:job_id>/status/", views.job_status, name="job-status"),
    path("indikatorer-lokale/ny/", views.new_local_indicator, name="new-indicator"),
]
