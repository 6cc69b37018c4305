"""The pure core of Lokalagenda: domain values, readers and methods. Imports no Django (a test enforces it)."""
