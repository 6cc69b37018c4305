"""Settings split by environment: base (shared), dev (the demo), test, prod."""
