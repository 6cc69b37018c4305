from django.urls import path

from lokalagenda.ui import language
from lokalagenda.web import methods, views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("sok/", views.search, name="search"),
    path("kommune/<str:number>/", views.kommune_detail, name="kommune"),
    path("sprak/", language.switch_language, name="language"),
    path("metode/", methods.methods_page, name="methods"),
]
