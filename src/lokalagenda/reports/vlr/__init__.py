"""The Voluntary Local Review and the council brief of a kommune or fylke: what a report is about (``scope``),
its narrative sections and their generated drafts (``sections``), the organisation's versioned texts
(``narratives``, ``forms``; the model is ``reports.models.NarrativeVersion``), the plans, actions, partnerships
and practices it lists (``registers``), its charts (``figures``), the review's and brief's content (``content``,
``brief``), the registries of report kinds and formats (``rendering``), one file or one per kommune (``batch``,
``lokalagenda report``) and the pages (``views``, ``urls``, URL namespace ``vlr:``)."""
