"""The apps depend one way, in the order of :data:`LAYERS` (docs/architecture.md): an app imports only the apps
of the layers below its own, never one beside or above it, and its templates load tag libraries and include or
extend templates only of its own app and those below. Where the code departs from the order by design, the
allow-lists say so once, with the reason: :data:`ALLOWED` for imports, :data:`ALLOWED_IN_TEMPLATES` for templates.
The older rules follow from the table: the core imports no app, ``ui`` only the core, ``places`` nothing above
it, and only ``web`` imports the api."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import lokalagenda

SOURCE = Path(lokalagenda.__file__).parent

#: The layers, lowest first. Each entry is a package of ``lokalagenda`` (an app, or a package without models such as
#: ``persistence``) or a top-level module. Apps in one layer do not import each other.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("core",),                                 # plain Python and numpy, no Django
    ("persistence", "ui", "terminal"),         # what every app may use: sync and backup, the pages' basics, CLI output
    ("accounts",),                             # organisations, memberships, permissions, tenancy, the audit log
    ("places", "framework"),                   # kommuner and fylker (an organisation points to one), the SDG framework
    ("indicators",),                           # the catalogue, datasets and observations, imports
    ("connectors",),                           # live sources storing into indicators
    ("plans", "reference"),                    # plans, priorities, key results; loading the reference data
    ("measurement", "partnerships"),           # runs and results (a goal page shows key results); partnerships
    ("practices", "materiality"),              # good practices; a kommune's own assessment of the targets
    ("decisions",),                            # political decisions adopting an assessment, priorities, plans, VLRs
    ("reports",),                              # VLR, residents' pages, roll-up and open data, from everything below
    ("api",),                                  # the REST API over the same services
    ("web", "cli"),                            # the Django project: settings, URLs, the pages that gather several apps
)
LAYER = {name: level for level, names in enumerate(LAYERS) for name in names}

#: Imports (importing module, imported package or module) that depart from the order by design, with the reason.
ALLOWED: dict[tuple[str, str], str] = {}

#: Templates (or tag libraries) any template may use whatever its layer, with the reason.
ALLOWED_IN_TEMPLATES: dict[str, str] = {
    "web/base.html":
        "The site's frame: its navigation names every app's pages and the visitor's own page (the accounts tag "
        "own_page), so it belongs to the project at the top, and every full page extends it. Template inheritance "
        "points up by nature; the parts of pages below the frame (ui/_figure.html, ui/_form_fields.html, the "
        "lokalagenda and pickers tags, ...) are ui's and follow the order.",
}


def _unit(relative: Path) -> str:
    """The entry of :data:`LAYERS` a file below ``lokalagenda`` belongs to."""
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def _imports(path: Path) -> Iterator[str]:
    """The ``lokalagenda.…`` modules a file imports (absolute imports; the code uses no relative ones)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names if alias.name.startswith("lokalagenda."))
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("lokalagenda."):
            yield str(node.module)


def _allowed(importer: str, module: str) -> bool:
    return any((importer, module) == pair or (importer, module.rsplit(".", 1)[0]) == pair for pair in ALLOWED)


def test_every_package_and_module_has_a_layer():
    units = {_unit(path.relative_to(SOURCE)) for path in SOURCE.rglob("*.py")} - {"__init__"}
    assert units - set(LAYER) == set()


def test_every_app_imports_only_the_apps_below_its_layer():
    offenders = []
    for path in SOURCE.rglob("*.py"):
        relative = path.relative_to(SOURCE)
        importer, unit = str(relative), _unit(relative)
        for module in _imports(path):
            imported = module.split(".")[1]
            if imported != unit and LAYER[imported] >= LAYER[unit] and not _allowed(importer, module):
                offenders.append(f"{importer} imports {module}")
    assert sorted(offenders) == []


def test_the_allow_list_names_only_imports_that_exist():
    found = {(str(path.relative_to(SOURCE)), module) for path in SOURCE.rglob("*.py") for module in _imports(path)}
    stale = [pair for pair in ALLOWED if not any(pair in {(f, m), (f, m.rsplit(".", 1)[0])} for f, m in found)]
    assert stale == []


# Templates -----------------------------------------------------------------------------------------------------

LOAD = re.compile(r"{%\s*load\s+([^%]+?)\s*%}")
REFERENCE = re.compile(r"""{%\s*(?:include|extends)\s+["']([^"']+)["']""")


def _tag_libraries() -> dict[str, str]:
    """Each of our tag libraries by name, with the app that holds it."""
    return {path.stem: _unit(path.relative_to(SOURCE)) for path in SOURCE.glob("*/templatetags/*.py")
            if path.stem != "__init__"}


def _template_owners() -> dict[str, str]:
    """Each of our templates by the name a template uses for it, with the app that holds it."""
    return {str(path.relative_to(folder)): _unit(path.relative_to(SOURCE))
            for folder in SOURCE.glob("*/templates") for path in folder.rglob("*.html")}


def _template_references() -> Iterator[tuple[str, str, str, str]]:
    """(template file, its app, what it uses: a tag library or a template name, the app holding that) for each
    ``{% load %}`` library and ``{% include %}``/``{% extends %}`` target of ours (Django's own are left out)."""
    libraries, owners = _tag_libraries(), _template_owners()
    for folder in SOURCE.glob("*/templates"):
        for path in folder.rglob("*.html"):
            text, app = path.read_text(encoding="utf-8"), _unit(path.relative_to(SOURCE))
            name = str(path.relative_to(SOURCE))
            for load in LOAD.findall(text):
                names = load.split(" from ")[-1].split() if " from " in load else load.split()
                yield from ((name, app, library, libraries[library]) for library in names if library in libraries)
            yield from ((name, app, target, owners[target]) for target in REFERENCE.findall(text) if target in owners)


def test_every_template_uses_only_tags_and_templates_of_its_app_or_the_apps_below():
    offenders = [f"{name} uses {used} of {owner}" for name, app, used, owner in _template_references()
                 if owner != app and LAYER[owner] >= LAYER[app] and used not in ALLOWED_IN_TEMPLATES]
    assert sorted(offenders) == []


def test_every_template_reference_the_test_reads_is_a_known_library_or_template():
    """A misspelt or removed library or template would slip past the order test, so the test reads them all."""
    libraries, owners = _tag_libraries(), _template_owners()
    builtin = {"i18n", "l10n", "static", "humanize", "tz", "cache", "admin_urls", "admin_list", "admin_modify", "log"}
    unknown = []
    for folder in SOURCE.glob("*/templates"):
        for path in folder.rglob("*.html"):
            text = path.read_text(encoding="utf-8")
            names = [n for load in LOAD.findall(text) for n in (load.split(" from ")[-1] if " from " in load
                                                                 else load).split()]
            unknown += [f"{path.name}: {{% load {n} %}}" for n in names if n not in libraries and n not in builtin]
            unknown += [f"{path.name}: {target}" for target in REFERENCE.findall(text)
                        if target not in owners and not target.startswith(("admin/", "django/", "registration/"))]
    assert unknown == []


def test_the_template_allow_list_names_only_templates_and_libraries_that_exist():
    assert [name for name in ALLOWED_IN_TEMPLATES if name not in _template_owners() | _tag_libraries()] == []
