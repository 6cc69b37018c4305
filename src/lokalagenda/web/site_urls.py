from django.urls import path

from lokalagenda.ui import language
from lokalagenda.web.pages import home, kommune, methods, search

app_name = "web"
urlpatterns = [
    path("", home.home, name="home"),
    path("sok/", search.search, name="search"),
    path("kommune/<str:number>/", kommune.kommune_detail, name="kommune"),
    path("sprak/", language.switch_language, name="language"),
    path("metode/", methods.methods_page, name="methods"),
]
