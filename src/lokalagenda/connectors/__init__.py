"""Live connectors: fetch catalogue indicators from SSB's statbank and FHI Statistikk as dataset revisions."""
