"""Our middleware: the language (bokmål unless the visitor chose nynorsk or English with the language switcher)
and the security headers of every response."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


class ChosenLanguageMiddleware:
    """Activates the language in the switcher's cookie, else ``LANGUAGE_CODE`` (bokmål).

    Unlike Django's LocaleMiddleware it ignores the browser's Accept-Language header: a Norwegian public
    service speaks Norwegian first, and every page offers the other languages.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


#: Browser features the site never uses, turned off for it and for anything it embeds (``interest-cohort`` and
#: ``browsing-topics`` keep it out of interest-based advertising). Only names that Chromium knows
#: (``document.featurePolicy.features()``): it reports an unknown one as an error on every page.
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "autoplay", "browsing-topics", "camera", "display-capture", "encrypted-media", "geolocation",
    "gyroscope", "hid", "idle-detection", "interest-cohort", "magnetometer", "microphone", "midi", "payment",
    "publickey-credentials-get", "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
))


class ResponseHeadersMiddleware:
    """Adds a ``Permissions-Policy`` to every response, and ``Cache-Control: private, no-store`` to a signed-in
    person's responses, so neither a shared cache nor the browser's back button keeps an editor's pages.

    A view that chose its own ``Cache-Control`` keeps it. Placed right after SecurityMiddleware, it also sees the
    static files that whitenoise answers (they carry no ``request.user`` and keep whitenoise's caching). A visitor
    without a session cookie is anonymous without asking the session, so their responses gain no ``Vary: Cookie``.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if "Cache-Control" not in response.headers and _signed_in(request):
            response.headers["Cache-Control"] = "private, no-store"
        return response


def _signed_in(request: HttpRequest) -> bool:
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)
