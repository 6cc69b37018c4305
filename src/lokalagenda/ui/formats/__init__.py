"""Date and time formats per language where Django's own do not suit a Norwegian platform (``FORMAT_MODULE_PATH``);
a language without a module here keeps Django's (bokmål and nynorsk: "20.06.2024", "20. juni 2024")."""
