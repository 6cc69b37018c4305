"""Shared fixtures: the real data bundle, loaded once per test session into the test database."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("LOKALAGENDA_DATA_DIR") or ROOT.parent / "shared" / "data")


@pytest.fixture(scope="session")
def data_dir() -> Path:
    if not (DATA_DIR / "sdg" / "goals.csv").is_file():
        pytest.fail(f"The data bundle is missing at {DATA_DIR}: set LOKALAGENDA_DATA_DIR.")
    return DATA_DIR
