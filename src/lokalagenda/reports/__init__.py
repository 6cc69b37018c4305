"""Reports: Voluntary Local Reviews, council briefs, public dashboards, the national roll-up and open data."""
