"""The plans app's pages, served once per place kind (see ``plans.urls``): the priorities form (``priorities``),
the plan register with its goals, actions, documents and coverage (``register``), and a goal's, action's or
document's target links, suggestions and key results (``links``)."""
