"""Zip packages (.docx, .xlsx) are checked before anything opens them, so a small upload cannot unpack to gigabytes.

A Word or Excel file is a zip package. Its central directory says how large each member is once unpacked, and
Python's :mod:`zipfile` (which python-docx and openpyxl read through) never returns more bytes than a member
declares: a member that holds more fails its CRC check instead. So checking the declared sizes before any reader
opens the package bounds what reading it can cost. A real kommuneplan or statistics workbook unpacks to a few
megabytes, at a ratio well under 100:1; a "zip bomb" unpacks a megabyte to a gigabyte of zeros.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from lokalagenda.core.errors import LokalagendaError

MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class ZipLimits:
    """What a package may hold. Small members may compress well (XML does); only large ones must not."""

    total_bytes: int = 300 * MEGABYTE
    member_bytes: int = 200 * MEGABYTE
    ratio: float = 100.0
    ratio_from_bytes: int = 2 * MEGABYTE
    members: int = 10_000


class ArchiveError(LokalagendaError):
    """A zip package that is damaged or would unpack to more than its limits allow."""

    def __init__(self, name: str, message: str) -> None:
        self.name = name
        self.message = message
        super().__init__(f"{name}: {message}")

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        return (type(self), (self.name, self.message))


def check_zip(path: Path, limits: ZipLimits = ZipLimits(), *, name: str | None = None) -> None:
    """Raise :class:`ArchiveError` unless every member of the zip package at ``path`` is within ``limits``.

    Only the central directory is read. ``name`` is the file name to put in messages (default: the path's name),
    so a person is told about the file they uploaded, never a server path.
    """
    shown = name or Path(path).name
    try:
        with zipfile.ZipFile(path) as package:
            members = package.infolist()
    # NotImplementedError: a zip version zipfile does not know, which a damaged header can claim.
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as error:
        raise ArchiveError(shown, f"is not a readable zip package ({error})") from error
    if len(members) > limits.members:
        raise ArchiveError(shown, f"holds {len(members):,} parts; at most {limits.members:,} are accepted")
    total = 0
    for member in members:
        _check_member(shown, member, limits)
        total += member.file_size
    if total > limits.total_bytes:
        raise ArchiveError(shown, f"unpacks to {total // MEGABYTE:,} MB; at most {limits.total_bytes // MEGABYTE:,}"
                                  " MB are accepted")


def _check_member(shown: str, member: zipfile.ZipInfo, limits: ZipLimits) -> None:
    size = member.file_size
    if size > limits.member_bytes:
        raise ArchiveError(shown, f"part {member.filename!r} unpacks to {size // MEGABYTE:,} MB; at most "
                                  f"{limits.member_bytes // MEGABYTE:,} MB are accepted")
    ratio = size / max(member.compress_size, 1)
    if size > limits.ratio_from_bytes and ratio > limits.ratio:
        raise ArchiveError(shown, f"part {member.filename!r} is compressed {ratio:,.0f} to 1, which no real "
                                  "document is; it looks like a zip bomb")
