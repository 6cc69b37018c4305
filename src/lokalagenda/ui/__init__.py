"""What the pages of every app share (not an app itself: it has no models): the active language
(``language.py``). It imports only ``lokalagenda.core`` and Django; any app may import it."""
