"""The national roll-up of all kommuner's dashboards and published plans: the roll-up itself (``build``), its
breakdowns by peer group (``groups``), target coverage (``coverage``), named tables (``tables``), file formats
(``exports``, ``lokalagenda rollup``, ``GET /api/rollup``), the page's content and chart (``page``, ``charts``)
and the page and downloads (``views``, ``urls``, URL namespace ``rollup:``)."""
