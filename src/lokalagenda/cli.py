"""The ``lokalagenda`` console script: Django's management commands with the settings preset.

Commands may be written with hyphens (``lokalagenda load-reference``); they run the command of the same name
with underscores (``load_reference``).
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a management command, e.g. ``lokalagenda migrate`` or ``lokalagenda load-reference``."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lokalagenda.web.settings.dev")
    args = list(sys.argv if argv is None else argv)
    if len(args) > 1 and not args[1].startswith("-"):
        args[1] = args[1].replace("-", "_")
    args[0] = "lokalagenda"
    from django.core.management import execute_from_command_line

    execute_from_command_line(args)


if __name__ == "__main__":
    main()
