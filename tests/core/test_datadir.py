import pytest

from lokalagenda.core.datadir import DataDirectory
from lokalagenda.core.errors import DataDirectoryError


def test_unset_data_directory_says_which_variable_to_set():
    with pytest.raises(DataDirectoryError, match="set LOKALAGENDA_DATA_DIR"):
        DataDirectory.from_environment({})


def test_missing_data_directory_is_named(tmp_path):
    with pytest.raises(DataDirectoryError, match=r"does not exist: set LOKALAGENDA_DATA_DIR"):
        DataDirectory(tmp_path / "nowhere").file("sdg/goals.csv")


def test_missing_file_is_named_in_one_sentence(tmp_path):
    with pytest.raises(DataDirectoryError) as caught:
        DataDirectory(tmp_path).file("sdg/goals.csv")
    message = str(caught.value)
    assert "has no sdg/goals.csv" in message and message.count(". ") == 0 and "\n" not in message
