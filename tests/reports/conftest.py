"""Fixtures shared by the reports tests: the reference bundle and a measured database."""

from typing import Any

import pytest

from tests.fixtures import *  # noqa: F403


@pytest.fixture
def measured(measured_module: Any, db: Any) -> Any:
    """The real vaccination series imported and one measurement run stored (once per module); returns that run."""
    return measured_module
