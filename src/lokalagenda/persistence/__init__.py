"""Persistence helpers shared by several apps (not an app itself: it has no models)."""
