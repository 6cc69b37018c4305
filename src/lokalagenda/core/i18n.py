"""Language matters of the core: English display texts marked for translation without Django, and the
Norwegian alphabet's order.

The core names things in English (a measurement method's display name); the edges translate them with Django's
``gettext`` at display time. :func:`gettext_noop` only marks a text: Django's ``makemessages`` extracts calls by
this name, so the texts reach the catalogues although the core never imports Django.

Lists of names a Norwegian reader scans (kommuner, indicators) follow the Norwegian alphabet, which ends
… x, y, z, æ, ø, å. Neither database gives that order here (SQLite compares code points, so Å comes before Æ and
Ø), so such lists are sorted in Python with :func:`alphabetical`.
"""

from __future__ import annotations

#: Characters after "z" for æ, ø and å, so a plain sort follows the Norwegian alphabet.
_NORWEGIAN_ORDER = str.maketrans({"æ": "{", "ø": "|", "å": "}"})


def alphabetical(text: str) -> str:
    """A sort key following the Norwegian alphabet (… x, y, z, æ, ø, å), ignoring case."""
    return text.casefold().translate(_NORWEGIAN_ORDER)


def gettext_noop(text: str) -> str:
    """Return ``text`` unchanged; the call marks it for the translation catalogues."""
    return text
