"""The core imports no Django and no CLI library: it must stay usable from any program."""

import ast
import subprocess
import sys
from pathlib import Path

import lokalagenda.core

CORE = Path(lokalagenda.core.__file__).parent
FORBIDDEN = ("django", "ninja", "click", "typer")


def test_no_core_module_imports_django():
    offenders = []
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in FORBIDDEN]
    assert offenders == []


def test_importing_every_core_module_loads_no_django():
    modules = [
        "lokalagenda.core." + ".".join(path.relative_to(CORE).with_suffix("").parts)
        for path in CORE.rglob("*.py") if path.name != "__init__.py"
    ]
    code = f"import sys\nfor m in {modules!r}: __import__(m)\nprint(any(n.startswith('django') for n in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
