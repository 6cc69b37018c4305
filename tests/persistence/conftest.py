"""Tests of backup and restore, and of the natural keys the database enforces."""

from typing import Any

import pytest

from tests.fixtures import *  # noqa: F403


@pytest.fixture(autouse=True)
def uploads_in_tmp(settings: Any, tmp_path: Any) -> None:
    """Uploaded files (which a backup carries) go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
