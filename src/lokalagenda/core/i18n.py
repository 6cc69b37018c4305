"""English display texts of the core, marked for translation without Django.

The core names things in English (a measurement method's display name); the edges translate them with Django's
``gettext`` at display time. :func:`gettext_noop` only marks a text: Django's ``makemessages`` extracts calls by
this name, so the texts reach the catalogues although the core never imports Django.
"""

from __future__ import annotations


def gettext_noop(text: str) -> str:
    """Return ``text`` unchanged; the call marks it for the translation catalogues."""
    return text
