"""Readers that turn outside data into validated, typed records."""
