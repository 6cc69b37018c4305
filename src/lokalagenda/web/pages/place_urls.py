"""The URL namespace ``places:``: the places app's own pages (``places.urls``) and the fylke page, which lives
here in ``web.pages`` because it gathers apps above ``places`` (plans, measurement). The site's URLconf includes
this module instead of ``places.urls``, so every URL keeps its name."""

from django.urls import path

from lokalagenda.places import urls as places_urls
from lokalagenda.web.pages import fylke

app_name = "places"
urlpatterns = [
    *places_urls.urlpatterns,
    path("fylke/<str:number>/", fylke.fylke_detail, name="fylke"),
]
