from django.urls import path

from lokalagenda.plans import views

app_name = "plans"
urlpatterns = [
    path("kommune/<str:number>/prioriteringer/rediger/", views.priorities_edit, name="priorities-edit"),
]
