"""The residents' pages of a kommune or fylke: its stored results in plain words (``summary``), the page and the
embeddable widget (``views``, ``urls``, URL namespace ``public:``) and the widget's framing and language
(``widget``)."""
