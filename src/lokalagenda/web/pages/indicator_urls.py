"""The URL namespace ``indicators:``: the indicators app's own pages (``indicators.urls``) and the core set's page,
which lives here in ``web.pages`` because it also reads the connectors' fetch specs (``web.pages.core_set``). The
site's URLconf includes this module instead of ``indicators.urls``, so every URL keeps its name. The core set's
addresses come first: ``indikatorer/<indicator_id>/`` would otherwise take ``kjernesett`` for an indicator."""

from django.urls import path

from lokalagenda.indicators import urls as indicators_urls
from lokalagenda.web.pages import core_set

app_name = "indicators"
urlpatterns = [
    path("indikatorer/kjernesett/", core_set.core_set, name="coreset"),
    path("indikatorer/kjernesett/endre/", core_set.core_set_edit, name="coreset-edit"),
    *indicators_urls.urlpatterns,
]
