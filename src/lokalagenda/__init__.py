"""Lokalagenda: the UN Sustainable Development Goals made local and measurable for Norwegian kommuner."""

__version__ = "0.1.0"
