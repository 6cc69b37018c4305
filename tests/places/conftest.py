"""Tests of the places app. Tests marked ``network`` talk to the live Klass API; they are skipped unless
``LOKALAGENDA_NETWORK_TESTS=1``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.fixtures import *  # noqa: F403

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip this folder's ``network`` tests unless LOKALAGENDA_NETWORK_TESTS=1."""
    if os.environ.get("LOKALAGENDA_NETWORK_TESTS") == "1":
        return
    skip = pytest.mark.skip(reason="talks to the live Klass API; set LOKALAGENDA_NETWORK_TESTS=1 to run it")
    for item in items:
        if item.get_closest_marker("network") and HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(skip)
