"""The language of the pages: which one is active (:func:`active_language`), and the switcher that chooses it.

Every app asks :func:`active_language` for the language of the request (or task) it is serving, instead of
working it out from ``get_language()`` itself; ``lokalagenda.web.middleware.ChosenLanguageMiddleware`` activates
it from the switcher's cookie.

The language switcher: ``/sprak/?language=nn&next=/mal/`` sets the language cookie and goes back.
It is a GET form, unlike Django's ``set_language`` (a POST with a CSRF token), because every page shows it and
public pages are cached for anonymous visitors (``lokalagenda.ui.caching``): a token in a shared copy of a page
would be the first visitor's, refused for everyone else and revealing that visitor's CSRF secret. Choosing the
language changes no data, only the visitor's own cookie, so it needs no CSRF protection: a foreign site that
links here can at most show our pages in another of our languages. ``next`` must point into this site
(``url_has_allowed_host_and_scheme``), so the switcher cannot be used as an open redirect.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def active_language() -> str:
    """The language of the request or task being served, as a base code (``nb``, ``nn`` or ``en`` on this site):
    the one Django has activated (``nb-no`` gives ``nb``), else ``LANGUAGE_CODE`` when none is active."""
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def _safe_next(request: HttpRequest) -> str:
    """``next`` when it is a path of this site, else the front page."""
    wanted = request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure())
    return wanted if wanted and safe else "/"


@never_cache
@require_GET
def switch_language(request: HttpRequest) -> HttpResponse:
    """Remember the chosen language (one of ``LANGUAGES``; anything else is ignored) and go back to ``next``."""
    response = HttpResponseRedirect(_safe_next(request))
    language = request.GET.get("language", "")
    if language in {code for code, _name in settings.LANGUAGES}:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, language, max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH, domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE, httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response
