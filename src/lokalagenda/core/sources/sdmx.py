"""SDMX data messages: SDMX-ML 2.1 (generic or, with its structure, structure-specific) and SDMX-JSON.

The message is parsed by the sdmx1 library (``sdmx.read_sdmx``, ``sdmx.to_pandas``); its observations map onto
the tidy table so:

=========================================  =================================================================
SDMX                                       tidy table
=========================================  =================================================================
dimension ``REF_AREA``/``GEO``/``REGION``  ``place``: ``NO0301`` → ``0301``, ``NO03`` → ``03``, ``NO`` → ``0``
/``GEO_PICT``                              (no such dimension: the country)
``TIME_PERIOD``                            ``year``; only annual periods (``2020-Q1`` is a problem)
dimension ``SERIES``/``INDICATOR``         ``indicator`` through ``ReadOptions.indicator_by_code``, else
                                           ``ReadOptions.indicator`` when the message holds one series
``UNIT_MEASURE`` (dimension or attribute)  ``unit`` (else ``ReadOptions.unit``)
``OBS_STATUS``                             ``flag``: E estimated, P provisional, M missing, C suppressed
                                           (confidential), B break, A none
``UNIT_MULT``                              values are multiplied by 10 to its power
other dimensions                           ``disaggregation`` (lower-cased id = code; ``_T`` and ``_Z`` are
                                           the total); ``FREQ`` is left out
=========================================  =================================================================

``source_row`` is the observation's position in the message (1 for the first).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from lokalagenda.core.observations import COUNTRY, Problem, ReadResult, empty_table
from lokalagenda.core.progress import Progress, null_progress
from lokalagenda.core.sources import tabular
from lokalagenda.core.sources.registry import ReadOptions, register

GEOGRAPHY = ("REF_AREA", "GEO", "REGION", "GEO_PICT")
TIME = "TIME_PERIOD"
SERIES = ("SERIES", "INDICATOR")
UNIT = "UNIT_MEASURE"
STATUS = "OBS_STATUS"
MULTIPLIER = "UNIT_MULT"
#: Dimensions that are not disaggregations (the frequency; only annual data is read).
SKIPPED = ("FREQ",)
#: Codes that stand for "all" or "not applicable" in a dimension: the total.
TOTAL_CODES = ("_T", "_Z")
VALUE = "value"
SNIFF_MARKERS = (b"GenericData", b"StructureSpecificData", b"sdmx.org/resources/sdmxml/schemas", b'"dataSets"')


@register
class SdmxReader:
    """Reads the observations of an SDMX-ML or SDMX-JSON data message."""

    format: ClassVar[str] = "sdmx"
    suffixes: ClassVar[tuple[str, ...]] = (".xml", ".json")

    def sniff(self, path: Path, head: bytes) -> bool:
        """An SDMX-ML data message or an SDMX-JSON message with ``dataSets``."""
        return any(marker in head for marker in SNIFF_MARKERS)

    def read(self, path: Path, options: ReadOptions, progress: Progress = null_progress) -> ReadResult:
        """The tidy table of every observation, with every problem found; never raises on a bad file."""
        file = str(path)
        provenance: dict[str, Any] = {"file": file, "format": self.format}
        progress(0, 2, "reading the SDMX message")
        frame, dimensions, problem = observations(path, file)
        if frame is None:
            return ReadResult(empty_table(), [problem] if problem else [], provenance)
        progress(1, 2, "reading the observations")
        result = from_observations(frame, dimensions, file, options)
        result.provenance = {**provenance, **result.provenance}
        progress(2, 2, "read")
        return result


def observations(path: Path, file: str) -> tuple[pd.DataFrame | None, list[str], Problem | None]:
    """The observations of an SDMX data message as text, one a row (dimension, ``value`` and attribute
    columns), and the dimension ids; or a problem saying why there are none."""
    # Imported here: sdmx1 takes most of a second to import, and most runs read no SDMX.
    import sdmx
    from sdmx.message import DataMessage

    try:
        message = sdmx.read_sdmx(path)
        if not isinstance(message, DataMessage):
            return None, [], Problem(file, None, None, f"not an SDMX data message but a {type(message).__name__}")
        if not message.data:
            return None, [], Problem(file, None, None, "the SDMX message holds no data set")
        converted = sdmx.to_pandas(message, attributes="o", dtype=None)
    except Exception as error:  # sdmx1 and its XML and JSON parsers fail in many ways on a bad file: report it
        return None, [], Problem(file, None, None, f"cannot read the file as SDMX: {type(error).__name__}: {error}")
    frames = converted if isinstance(converted, list) else [converted]
    dimensions = list(dict.fromkeys(str(name) for frame in frames for name in frame.index.names))
    frame = pd.concat([item.reset_index() for item in frames], ignore_index=True)
    return frame.astype(object).where(frame.notna(), None), dimensions, None


def _find(names: list[str], candidates: tuple[str, ...]) -> str | None:
    upper = {name.upper(): name for name in reversed(names)}
    return next((upper[candidate] for candidate in candidates if candidate in upper), None)


def _indicators(codes: pd.Series, column: str, file: str, options: ReadOptions) -> tuple[pd.Series, list[Problem]]:
    """The catalogue indicator of each observation's series code."""
    mapping = dict(options.indicator_by_code or {})
    distinct = [str(code) for code in pd.unique(codes.dropna())]
    unmapped = [code for code in distinct if code not in mapping]
    if unmapped and options.indicator and len(distinct) == 1:
        mapping[distinct[0]] = options.indicator
        unmapped = []
    problems = []
    if unmapped and (mapping or len(distinct) > 1):
        problems = [Problem(file, None, column, f"series {code!r} is not mapped to an indicator: give "
                                                f"indicator_by_code ({code}=INDICATOR)") for code in unmapped]
    return codes.map(lambda code: mapping.get(str(code), "")), problems


def _multipliers(frame: pd.DataFrame, column: str | None, file: str) -> tuple[np.ndarray, list[Problem]]:
    """10 to the power of each observation's UNIT_MULT (1 without one), and problems for bad ones."""
    if column is None:
        return np.ones(len(frame)), []
    powers = pd.to_numeric(frame[column].fillna("0").astype(str).str.strip().replace("", "0"), errors="coerce")
    bad = powers.isna() | (powers.abs() > 30) | (powers % 1 != 0)
    problems = [Problem(file, int(row) + 1, column, f"{frame[column].iloc[row]!r} is not a unit multiplier")
                for row in np.flatnonzero(bad.to_numpy())]
    return np.power(10.0, powers.where(~bad, 0).to_numpy(dtype=float)), problems


def from_observations(frame: pd.DataFrame, dimensions: list[str], file: str, options: ReadOptions) -> ReadResult:
    """The tidy table of SDMX observations as :func:`observations` gives them.

    Parameters
    ----------
    frame
        One observation a row: a column per dimension, ``value``, a column per attribute.
    dimensions
        The dimension ids, in order.
    file
        The file name problems name.
    options
        ``indicator_by_code`` (series code → indicator), ``indicator`` and ``unit``.
    """
    names = [str(name) for name in frame.columns]
    frame = frame.set_axis(names, axis=1)
    series = _find(dimensions, SERIES)
    problems: list[Problem] = []
    if series is not None:
        indicator, problems = _indicators(frame[series], series, file, options)
        frame = frame.assign(indicator=indicator)
    frame[VALUE] = frame[VALUE].where(~frame[VALUE].isin(["NaN", "nan"]), None)
    roles = {"place": _find(dimensions, GEOGRAPHY), "year": _find(dimensions, (TIME,)),
             "unit": _find(names, (UNIT,)), "flag": _find(names, (STATUS,))}
    taken = {name for name in roles.values() if name is not None} | {series}
    breakdowns = tuple(name for name in dimensions if name not in taken and name.upper() not in SKIPPED)
    for name in breakdowns:
        frame[name] = frame[name].where(~frame[name].isin(TOTAL_CODES), None)
    ignored = tuple(name for name in names if name not in taken and name not in breakdowns and name != VALUE)
    columns = tabular.Columns(**roles, value=VALUE, indicator="indicator" if series else None,
                              breakdowns=breakdowns, ignored=ignored)
    if columns.year is None:
        return ReadResult(empty_table(), [Problem(file, None, None, f"the data have no {TIME} dimension")], {})
    multipliers, bad_multipliers = _multipliers(frame, _find(names, (MULTIPLIER,)), file)
    result = tabular.from_columns(frame, columns, file, options, header_row=0, default_place=COUNTRY)
    result.table["value"] = result.table["value"] * multipliers[result.table["source_row"].to_numpy() - 1]
    result.problems[:0] = problems + bad_multipliers
    result.provenance.update(layout="sdmx", dimensions=dimensions)
    return result
