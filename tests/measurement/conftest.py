"""Tests of the measurement app: the progress command (and later measurement runs and pages)."""
from tests.fixtures import *  # noqa: F403
