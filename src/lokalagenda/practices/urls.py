from django.urls import path

from lokalagenda.practices import views

app_name = "practices"
urlpatterns = [
    path("erfaringer/", views.practice_list, name="list"),
    path("erfaringer/ny/", views.practice_create, name="create"),
    path("erfaringer/til-godkjenning/", views.approval_list, name="approvals"),
    path("erfaringer/<int:pk>/", views.practice_detail, name="detail"),
    path("erfaringer/<int:pk>/rediger/", views.practice_edit, name="edit"),
    path("erfaringer/<int:pk>/vedlegg/", views.attachment_upload, name="attachment-upload"),
    path("erfaringer/<int:pk>/resultat/", views.result_add, name="result-add"),
    path("erfaringer/resultat/<int:pk>/slett/", views.result_delete, name="result-delete"),
    path("erfaringer/<int:pk>/<str:action>/", views.practice_action, name="action"),
    path("erfaringer/vedlegg/<int:pk>/", views.attachment_download, name="attachment"),
]
