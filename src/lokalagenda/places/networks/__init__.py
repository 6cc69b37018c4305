"""Networks of kommuner and fylkeskommuner (the models are ``places.models.Network`` and ``NetworkMembership``):
named reads for pages and the measurement app's peer groups (``queries``), audited writes (``services``), the
editors' forms (``forms``) and loading a membership list from CSV (``loading``, ``lokalagenda load-network``).
The pages live in ``web.pages.networks``, since they show what apps above ``places`` know."""
