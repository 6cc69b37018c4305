"""Editors' uploads of indicator files: the background check, preview and import with the rules of who may
write what (``services``), the upload and local-indicator forms (``forms``) and the pages (``views``, ``urls``,
URL namespace ``uploads:``)."""
