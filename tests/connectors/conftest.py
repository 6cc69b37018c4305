"""Connector tests run with the network blocked and replay recorded SSB responses through a fake transport.

Tests marked ``network`` talk to the live APIs; they are skipped unless ``LOKALAGENDA_NETWORK_TESTS=1``.
"""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path
from typing import Any

import pytest

from lokalagenda.connectors import services
from tests.fixtures import *  # noqa: F403

HERE = Path(__file__).resolve().parent
#: The spec files shipped with the app, and the one the tests seed from (POP_TOTAL, SSB 07459).
SHIPPED_SPECS = services.SPECS_DIR
POPULATION_SPECS = SHIPPED_SPECS / "ssb_population.json"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip this folder's ``network`` tests unless LOKALAGENDA_NETWORK_TESTS=1."""
    if os.environ.get("LOKALAGENDA_NETWORK_TESTS") == "1":
        return
    skip = pytest.mark.skip(reason="talks to the live API; set LOKALAGENDA_NETWORK_TESTS=1 to run it")
    for item in items:
        if item.get_closest_marker("network") and HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def no_network(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every name lookup and socket connection fails; the database drivers connect through their C libraries, so
    they are unaffected."""
    if request.node.get_closest_marker("network"):
        return

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise OSError("network access in a test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture
def recorded(data_dir: Path) -> Any:
    """``recorded(name)``: the bytes of a recorded SSB response (read in place, never copied)."""

    def read(name: str) -> bytes:
        return (data_dir / "recorded" / "ssb" / name).read_bytes()

    return read


@pytest.fixture(autouse=True)
def population_specs_only(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The spec files every test seeds from: a folder with only the shipped POP_TOTAL file, so the replayed
    responses match what a sync asks for however many specs the app ships (test_specfiles.py reads them all)."""
    folder = tmp_path_factory.mktemp("specs")
    shutil.copy(POPULATION_SPECS, folder)
    monkeypatch.setattr(services, "SPECS_DIR", folder)
    return folder
