"""The networks' pages (``/nettverk/…``, URL namespace ``networks:``): members, their stored status per goal
(``status``), partnerships and practices. They sit in ``web``, not in ``places.networks``, because they gather
what several apps above ``places`` know (measurement, partnerships, practices)."""
