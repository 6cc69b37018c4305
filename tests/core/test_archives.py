"""Zip packages are refused before they are opened when they would unpack to more than their limits."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from lokalagenda.core.archives import MEGABYTE, ArchiveError, ZipLimits, check_zip


def _package(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            package.writestr(name, data)
    return path


def test_an_ordinary_package_passes(tmp_path: Path) -> None:
    text = b"<w:t>Kommunen skal redusere utslippene.</w:t>" * 2_000
    check_zip(_package(tmp_path / "plan.docx", {"word/document.xml": text, "[Content_Types].xml": b"<Types/>"}))


def test_a_part_of_zeros_is_refused_as_a_zip_bomb_naming_the_file_not_the_path(tmp_path: Path) -> None:
    bomb = _package(tmp_path / "x.docx", {"word/media/zeros.bin": bytes(20 * MEGABYTE)})
    with pytest.raises(ArchiveError) as raised:
        check_zip(bomb, name="plan.docx")
    assert str(raised.value).startswith("plan.docx: part 'word/media/zeros.bin' is compressed")
    assert str(tmp_path) not in str(raised.value)


def test_limits_on_part_size_total_size_and_count(tmp_path: Path) -> None:
    package = _package(tmp_path / "book.xlsx", {f"xl/sheet{i}.xml": bytes(100) for i in range(5)})
    with pytest.raises(ArchiveError, match="holds 5 parts"):
        check_zip(package, ZipLimits(members=4))
    with pytest.raises(ArchiveError, match="unpacks to"):
        check_zip(package, ZipLimits(total_bytes=400))
    with pytest.raises(ArchiveError, match="part 'xl/sheet0.xml' unpacks to"):
        check_zip(package, ZipLimits(member_bytes=99))


def test_a_file_that_is_not_a_zip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    path.write_bytes(b"PK\x03\x04 but nothing more")
    with pytest.raises(ArchiveError, match="^book.xlsx: is not a readable zip package"):
        check_zip(path)


def test_a_package_of_an_unknown_zip_version_is_refused_as_unreadable(tmp_path: Path) -> None:
    """Hypothesis found it: a damaged 'version needed' field makes zipfile raise NotImplementedError."""
    path = _package(tmp_path / "book.xlsx", {"xl/workbook.xml": b"<workbook/>"})
    data = bytearray(path.read_bytes())
    central = data.rindex(b"PK\x01\x02")
    data[central + 6] = 64  # 'version needed to extract' 6.4 in the central directory
    path.write_bytes(bytes(data))
    with pytest.raises(ArchiveError, match="^book.xlsx: is not a readable zip package"):
        check_zip(path)
