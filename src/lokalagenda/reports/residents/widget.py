"""The embeddable widget: a compact residents' summary a kommune puts on its own website in an ``<iframe>``.

The widget's language comes from ``?lang=nb|nn|en`` (the embedding site chooses it; the visitor has no
language cookie of ours inside someone else's page), else the site's usual choice. Framing: the view is
exempt from ``X-Frame-Options`` and asks django-csp for ``frame-ancestors *`` (see :func:`embeddable`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from csp.decorators import csp_replace
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.views.decorators.clickjacking import xframe_options_exempt

from lokalagenda.ui.language import active_language

#: The iframe's default size on the embedding page, in CSS pixels (the width is a percentage).
WIDTH, HEIGHT = "100%", 640
#: The CSP directives the widget replaces in the site's policy: any web page (http: or https:) may frame it.
WIDGET_CSP = {"frame-ancestors": ["*"]}


def widget_language(request: HttpRequest) -> str:
    """``?lang=`` when it names one of the site's languages, else the language already active."""
    asked = request.GET.get("lang", "")
    languages = {code for code, _name in settings.LANGUAGES}
    return asked if asked in languages else active_language()


def in_widget_language(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Render the view (and key its cached copy) in the widget's language, and say so in Content-Language."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        language = widget_language(request)
        with translation.override(language):
            response = view(request, *args, **kwargs)
        response["Content-Language"] = language
        return response

    return wrapper


def embeddable(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Let any site frame the view: no ``X-Frame-Options``, and ``frame-ancestors *`` in the CSP.

    django-csp's ``csp_replace`` only marks the response (``response._csp_replace``); the CSP middleware, when
    installed, writes the header with the site's ``frame-ancestors 'self'`` replaced by ``*``.
    """
    return xframe_options_exempt(csp_replace(WIDGET_CSP)(view))


def embed_code(src: str, title: str) -> SafeString:
    """The ``<iframe>`` a kommune copies into its own page."""
    return format_html('<iframe src="{}" title="{}" width="{}" height="{}" loading="lazy"></iframe>',
                       src, title, WIDTH, HEIGHT)
