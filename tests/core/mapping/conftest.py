"""The suggester is loaded once per session, from the same on-disk cache the CLI uses (built on first use)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lokalagenda.core.mapping import TargetSuggester

ROOT = Path(__file__).resolve().parents[3]


def mapping_cache_dir() -> Path:
    """VAR_DIR/cache/mapping, as the Django settings define it: the model is built once for tests and CLI."""
    return Path(os.environ.get("LOKALAGENDA_VAR_DIR") or ROOT / "var") / "cache" / "mapping"


@pytest.fixture(scope="session")
def suggester(data_dir: Path) -> TargetSuggester:
    return TargetSuggester.load(data_dir, mapping_cache_dir())
