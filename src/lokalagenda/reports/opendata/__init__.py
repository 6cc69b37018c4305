"""Open data: the published observations and latest complete results as CSV and JSON-stat files (``datasets``),
their Frictionless descriptor (``package``, ``lokalagenda export-open-data``) and the page and downloads
(``views``, ``urls``, URL namespace ``opendata:``)."""
