"""The docs keep up with the code: every command of ours is documented, every doc the README names exists."""

import re
from pathlib import Path

import lokalagenda

ROOT = Path(__file__).resolve().parents[2]
SOURCE = Path(lokalagenda.__file__).parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _our_commands() -> list[str]:
    return sorted(path.stem for path in SOURCE.glob("*/management/commands/*.py") if path.stem != "__init__")


def test_every_command_of_ours_is_in_the_readme_with_hyphens():
    assert _our_commands(), "no management commands found"
    for command in _our_commands():
        assert f"lokalagenda {command.replace('_', '-')}" in README, command


def test_every_command_of_ours_has_help():
    for path in SOURCE.glob("*/management/commands/*.py"):
        if path.stem != "__init__":
            assert re.search(r'^\s+help = ', path.read_text(encoding="utf-8"), re.M), path


def test_docs_named_in_the_readme_exist():
    for name in re.findall(r"`(docs/[\w.-]+\.md)`", README):
        assert (ROOT / name).is_file(), name


def test_readme_has_the_two_commands_and_ci_runs_the_test_command():
    assert "make demo" in README and "make test" in README
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_python_dependency_is_explained():
    dependencies = (ROOT / "docs" / "dependencies.md").read_text(encoding="utf-8").lower()
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for name in re.findall(r'^\s+"([A-Za-z0-9_.-]+)(?:\[\w+\])?==', pyproject, re.M):
        assert name.lower() in dependencies, name
