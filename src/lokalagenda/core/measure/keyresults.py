"""Key-result progress of local goals (``shared/methods/measurement.md`` §4).

``progress = (current − start)/(target − start)``: the share of the way from the start value to the target
already covered, which works for falling targets too (both differences are negative). A key result is complete
at 100 % or more. Where the target equals the start value there is no way to cover: progress is ``NaN`` and
the key result is not complete.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from lokalagenda.core.i18n import gettext_noop
from lokalagenda.core.measure.registry import register
from lokalagenda.core.measure.results import MeasurementError, MethodResult

METHOD, VERSION = "key_result_progress", "linear/1"
COMPLETE_AT = 1.0


def progress_share(start: np.ndarray, target: np.ndarray, current: np.ndarray) -> np.ndarray:
    """``(current − start)/(target − start)`` element by element (``NaN`` where target = start or a value is
    missing).

    Examples
    --------
    >>> float(progress_share(np.array(20.0), np.array(10.0), np.array(15.0)))
    0.5
    """
    start, target, current = (np.asarray(part, dtype="float64") for part in (start, target, current))
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(target == start, np.nan, (current - start) / (target - start))


@register(METHOD, VERSION, "Progress of local key results from their start value towards their target",
          title=gettext_noop("Progress of local key results"))
def key_result_progress(key_results: pd.DataFrame) -> MethodResult:
    """The progress of each key result of a table with the columns ``start``, ``target`` and ``current`` (other
    columns are kept): ``progress`` (a share, 1.0 = 100 %), ``percent`` and ``complete``.

    Raises
    ------
    MeasurementError
        If one of the three columns is missing.
    """
    missing = [name for name in ("start", "target", "current") if name not in key_results]
    if missing:
        raise MeasurementError(f"key results lack the column(s) {', '.join(missing)}")
    share = progress_share(key_results["start"].to_numpy(), key_results["target"].to_numpy(),
                           key_results["current"].to_numpy())
    table = key_results.assign(progress=share, percent=100 * share, complete=np.nan_to_num(share) >= COMPLETE_AT)
    return MethodResult(METHOD, VERSION, {"complete_at": COMPLETE_AT}, table)
