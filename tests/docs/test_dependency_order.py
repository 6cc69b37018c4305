"""The apps depend one way, as docs/architecture.md says: the core imports no app, `ui` (what every app's pages share)
imports only the core, `places` imports nothing above it (its pages that gather other apps' data live in `web`), and
only `web` imports `api`."""

from __future__ import annotations

import ast
from pathlib import Path

import lokalagenda

SOURCE = Path(lokalagenda.__file__).parent


def _imported_apps(folder: str) -> dict[str, set[str]]:
    """The first-level ``lokalagenda.<app>`` packages each module below ``folder`` imports."""
    found: dict[str, set[str]] = {}
    for path in (SOURCE / folder).rglob("*.py"):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            modules = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                       else [node.module or ""] if isinstance(node, ast.ImportFrom) and node.level == 0 else [])
            names |= {module.split(".")[1] for module in modules
                      if module.startswith("lokalagenda.") and module.count(".") >= 1}
        found[str(path.relative_to(SOURCE))] = names
    return found


def test_the_core_imports_no_app():
    assert {module: apps - {"core"} for module, apps in _imported_apps("core").items() if apps - {"core"}} == {}


def test_ui_imports_only_the_core():
    allowed = {"ui", "core"}
    assert {module: apps - allowed for module, apps in _imported_apps("ui").items() if apps - allowed} == {}


def test_places_imports_nothing_above_it():
    allowed = {"places", "core", "accounts", "persistence", "ui"}
    assert {module: apps - allowed for module, apps in _imported_apps("places").items() if apps - allowed} == {}


def test_only_web_imports_the_api():
    offenders = [module for folder in (p.name for p in SOURCE.iterdir() if p.is_dir() and p.name not in ("web", "api"))
                 for module, apps in _imported_apps(folder).items() if "api" in apps]
    assert offenders == []
