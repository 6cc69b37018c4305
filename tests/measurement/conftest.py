"""Tests of the measurement app: the progress command (and later measurement runs and pages)."""

import pytest  # noqa: E402

from tests.fixtures import *  # noqa: F403


@pytest.fixture
def scored_values(data_dir, tmp_path_factory):
    """The bundle's values of the indicators with a direction (the vaccination series), as a file to import:
    the only ones the methods score, so tests import 7,000 rows rather than 41,000."""
    path = tmp_path_factory.mktemp("values") / "scored_values.csv"
    with (data_dir / "indicators" / "values.csv").open(encoding="utf-8") as source, path.open("w") as target:
        for number, line in enumerate(source):
            if number == 0 or line.startswith("VAX_"):
                target.write(line)
    return path
