"""The pages that gather what several apps know: the front page, the site search, the kommune and fylke pages
(with a place's goal status, ``dashboards``), the methods page and the networks' pages (``networks``). They sit in
``web``, the top of the dependency order, so that no app below has to import the apps above it."""
