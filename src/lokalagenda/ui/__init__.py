"""What the pages of every app share: the active language (``language.py``), caching of public pages
(``caching.py``), numbers the reader's way (``numbers.py``), the picker widgets (``widgets.py``), the client's
address and the search rate limit (``client_address.py``, ``ratelimit.py``), and the partials and template tags
every page draws with (``templates/ui/``, ``templatetags/``). It imports only ``lokalagenda.core`` and Django,
so any app may use it; it is an installed app only for its templates and tags (it has no models)."""
