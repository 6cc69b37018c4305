"""The site's URLs plus one view that chooses its own Cache-Control, for tests/web/test_response_headers.py."""

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.cache import cache_control

from lokalagenda.web.urls import urlpatterns as site


@cache_control(public=True, max_age=300)
def shared(request: HttpRequest) -> HttpResponse:
    return HttpResponse("the same for everyone")


urlpatterns = [path("test-shared/", shared), *site]
