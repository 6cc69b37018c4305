"""The result of a measurement method: its table, and which method, version and parameters produced it.

Every method in :mod:`lokalagenda.core.measure` returns a :class:`MethodResult`, so a stored measurement run can
always say how each number was computed, and a rerun with other parameters never passes for the same result.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from lokalagenda.core.errors import LokalagendaError


class MeasurementError(LokalagendaError, ValueError):
    """Inputs a measurement method cannot work with (duplicate years, thresholds out of order, an unknown
    method name …). The message says what and, where it can, for which series."""


@dataclass(frozen=True)
class MethodResult:
    """A method's output table with the method's name, version and the parameters it used.

    ``parameters`` holds plain values (numbers, text, lists, dicts) so that it can be stored as JSON.
    """

    method: str
    version: str
    parameters: Mapping[str, Any]
    table: pd.DataFrame = field(repr=False)

    def provenance(self) -> dict[str, Any]:
        """``{"method", "version", "parameters"}``: what a stored result keeps next to its numbers."""
        return {"method": self.method, "version": self.version, "parameters": dict(self.parameters)}

    def records(self) -> list[dict[str, Any]]:
        """The table's rows as dicts of plain Python values, with ``None`` for missing numbers."""
        return [{key: plain(value) for key, value in row.items()} for row in self.table.to_dict("records")]


def plain(value: Any) -> Any:
    """A JSON-friendly Python value: numpy scalars become Python ones, NaN and NA become ``None``."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def optional_float(value: Any) -> float | None:
    """``None`` for a missing number, else the number as a Python float."""
    value = plain(value)
    return None if value is None else float(value)


def optional_int(value: Any) -> int | None:
    """``None`` for a missing number, else the number as a Python int."""
    value = plain(value)
    return None if value is None else int(value)
