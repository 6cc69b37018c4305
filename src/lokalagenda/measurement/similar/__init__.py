"""Similar kommuner ("kommuner som ligner"): the service that reads the structural observations and applies
:mod:`lokalagenda.core.measure.similarity` (``service``), and the twin finder page (``views``)."""
