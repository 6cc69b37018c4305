"""docs/architecture.md stays readable and true: it is prose, with no line longer than 400 characters (a whole
app packed into one table cell is what this forbids), and every module, folder or file it names in backticks
exists, so a move or a rename that forgets the doc fails here."""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import lokalagenda

ROOT = Path(__file__).resolve().parents[2]
SOURCE = Path(lokalagenda.__file__).parent
ARCHITECTURE = ROOT / "docs" / "architecture.md"
MAX_LINE = 400
#: A file name with one of these endings, or a folder ending in "/", is a path the doc promises exists.
SUFFIXES = (".py", ".html", ".md", ".csv", ".json", ".yaml", ".js", ".css", ".toml")
PACKAGES = {path.name for path in SOURCE.iterdir() if (path / "__init__.py").is_file()}
REPOSITORY_FOLDERS = {"src", "tests", "docs", "benchmarks"}


def _backticked() -> list[str]:
    return re.findall(r"`([^`\s]+)`", ARCHITECTURE.read_text(encoding="utf-8"))


def _template_and_static_roots() -> list[Path]:
    return [*SOURCE.glob("*/templates"), *SOURCE.glob("*/static")]


def _path_exists(name: str) -> bool:
    """A path as the doc writes it: from the repository (``tests/…``), from the package (``places/place.py``),
    or a template or static file by the name Django finds it by (``web/_figure.html``, ``lokalagenda/charts.js``)."""
    roots = [ROOT, SOURCE, *_template_and_static_roots()]
    return any((root / name.rstrip("/")).exists() for root in roots)


def _names_a_path(token: str) -> bool:
    first = token.split("/", 1)[0]
    return "/" in token and (first in PACKAGES or first in REPOSITORY_FOLDERS) and (
        token.endswith("/") or token.endswith(SUFFIXES))


@cache
def _top_level_names(module: Path) -> frozenset[str]:
    """What a module defines or imports at its top level (a dotted reference may name any of it)."""
    names: set[str] = set()
    for node in ast.parse(module.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {target.id for target in targets if isinstance(target, ast.Name)}
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
    return frozenset(names)


def _module_file(parts: list[str]) -> Path | None:
    base = SOURCE.joinpath(*parts)
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return base if base.is_dir() else None


def _dotted_exists(token: str) -> bool:
    """``plans.suggestions.suggester`` or ``lokalagenda.core``: the longest prefix that is a module, then at most
    one name defined in it (``Class.attribute`` beyond that is not checked)."""
    parts = token.removeprefix("lokalagenda.").split(".")
    for length in range(len(parts), 0, -1):
        found = _module_file(parts[:length])
        if found is not None:
            rest = parts[length:]
            return not rest or (found.is_file() and rest[0] in _top_level_names(found))
    return False


def _names_a_module(token: str) -> bool:
    return bool(re.fullmatch(r"[a-z_]+(\.[A-Za-z_]\w*)+", token)) and (
        token.removeprefix("lokalagenda.").split(".")[0] in PACKAGES) and not token.endswith(SUFFIXES)


def test_no_line_of_the_architecture_doc_is_longer_than_400_characters():
    lines = ARCHITECTURE.read_text(encoding="utf-8").splitlines()
    assert [(number, len(line)) for number, line in enumerate(lines, 1) if len(line) > MAX_LINE] == []


def test_every_path_the_architecture_doc_names_exists():
    assert [token for token in _backticked() if _names_a_path(token) and not _path_exists(token)] == []


def test_every_module_the_architecture_doc_names_exists():
    assert [token for token in _backticked() if _names_a_module(token) and not _dotted_exists(token)] == []
