"""Confidence intervals of a share and of a count, and of the difference between two such estimates.

Vectorised over numpy arrays; only the standard library's normal quantile (:class:`statistics.NormalDist`) and
numpy are used (the project has no SciPy). The formulas and their sources:

* **Wilson score interval** of a share ``x / n`` (Wilson, E. B. (1927), "Probable inference, the law of
  succession, and statistical inference", *JASA* 22:209–212; method 3 of Newcombe, R. G. (1998), "Two-sided
  confidence intervals for the single proportion: comparison of seven methods", *Statistics in Medicine*
  17:857–872)::

      centre = (p + z²/2n) / (1 + z²/n),  half = z / (1 + z²/n) · √(p(1 − p)/n + z²/4n²)

* **Poisson interval** of a count ``x``: the exact (Garwood 1936) limits, ``L = χ²(α/2; 2x)/2`` and
  ``U = χ²(1 − α/2; 2x + 2)/2`` (Ulm, K. (1990), "A simple method to calculate the confidence interval of a
  standardized mortality ratio", *American Journal of Epidemiology* 131:373–375), found by bisection on the
  Poisson distribution function for counts below :data:`EXACT_BELOW`; above it Byar's approximation (Breslow,
  N. E. & Day, N. E. (1987), *Statistical Methods in Cancer Research* vol. II, IARC, p. 69)::

      L = x (1 − 1/9x − z/3√x)³,  U = (x + 1) (1 − 1/9(x + 1) + z/3√(x + 1))³

  which differs from the exact limits by less than 0.1 % there (a test checks it at the switch).

* **Interval of a difference** ``θ₂ − θ₁`` of two independent estimates with intervals ``[l₁, u₁]`` and
  ``[l₂, u₂]``: the square-and-add ("MOVER") limits, method 10 of Newcombe, R. G. (1998), "Interval estimation
  for the difference between independent proportions: comparison of eleven methods", *Statistics in Medicine*
  17:873–890, generalised to any such intervals by Zou, G. Y. & Donner, A. (2008), *Statistical Methods in
  Medical Research* 17:289–301::

      lower = d − √((θ₂ − l₂)² + (u₁ − θ₁)²),  upper = d + √((u₂ − θ₂)² + (θ₁ − l₁)²)
"""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np

from lokalagenda.core.measure.results import MeasurementError

#: Counts below this get the exact Poisson limits; larger ones Byar's approximation.
EXACT_BELOW = 100
_BISECTIONS = 80


def z_value(confidence: float) -> float:
    """The two-sided normal quantile of ``confidence`` (1.959964 for 0.95).

    Raises
    ------
    MeasurementError
        If ``confidence`` is not strictly between 0 and 1.
    """
    if not 0 < confidence < 1:
        raise MeasurementError(f"a confidence level must lie strictly between 0 and 1, not {confidence}")
    return NormalDist().inv_cdf(0.5 + confidence / 2)


def wilson(successes: np.ndarray, n: np.ndarray, confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score limits of the shares ``successes / n`` (as shares of 1); ``NaN`` where ``n`` is not positive.

    Examples
    --------
    >>> low, high = wilson(np.array([81.0]), np.array([263.0]))
    >>> round(float(low[0]), 4), round(float(high[0]), 4)
    (0.2553, 0.3662)
    """
    z = z_value(confidence)
    successes, n = np.asarray(successes, dtype="float64"), np.asarray(n, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.clip(successes / n, 0.0, 1.0)
        denominator = 1 + z * z / n
        centre = (share + z * z / (2 * n)) / denominator
        half = z / denominator * np.sqrt(share * (1 - share) / n + z * z / (4 * n * n))
    valid = n > 0
    return (np.where(valid, np.clip(centre - half, 0.0, 1.0), np.nan),
            np.where(valid, np.clip(centre + half, 0.0, 1.0), np.nan))


def poisson(counts: np.ndarray, confidence: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Limits of the expected count behind each observed count (exact below :data:`EXACT_BELOW`, rounded to
    whole events there; Byar above); ``NaN`` where a count is missing or negative.

    Examples
    --------
    >>> low, high = poisson(np.array([5.0]))
    >>> round(float(low[0]), 3), round(float(high[0]), 3)
    (1.623, 11.668)
    """
    z = z_value(confidence)
    counts = np.asarray(counts, dtype="float64")
    lower, upper = _byar(counts, z)
    small = np.isfinite(counts) & (counts >= 0) & (np.rint(counts) < EXACT_BELOW)
    alpha = 1 - confidence
    for count in np.unique(np.rint(counts[small])).astype(int):
        where = small & (np.rint(counts) == count)
        lower[where], upper[where] = _exact(count, alpha)
    invalid = ~np.isfinite(counts) | (counts < 0)
    return np.where(invalid, np.nan, lower), np.where(invalid, np.nan, upper)


def _byar(counts: np.ndarray, z: float) -> tuple[np.ndarray, np.ndarray]:
    """Byar's limits for every count at once: cheap for large counts, where summing the exact terms is not."""
    with np.errstate(divide="ignore", invalid="ignore"):
        lower = counts * (1 - 1 / (9 * counts) - z / (3 * np.sqrt(counts))) ** 3
        after = counts + 1
        upper = after * (1 - 1 / (9 * after) + z / (3 * np.sqrt(after))) ** 3
    return np.where(counts > 0, np.maximum(lower, 0.0), 0.0), upper


def _poisson_cdf(count: int, mean: float) -> float:
    """P(X ≤ count) for X ~ Poisson(mean), summed in logs so that no term overflows."""
    if mean <= 0:
        return 1.0
    steps = np.arange(count + 1, dtype="float64")
    logs = -mean + steps * math.log(mean) - np.array([math.lgamma(k + 1) for k in range(count + 1)])
    return float(np.exp(logs).sum())


def _solve(target: float, count: int, high: float) -> float:
    """The mean at which P(X ≤ count) equals ``target`` (the distribution function falls as the mean grows)."""
    low = 0.0
    for _ in range(_BISECTIONS):
        middle = (low + high) / 2
        if _poisson_cdf(count, middle) > target:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def _exact(count: int, alpha: float) -> tuple[float, float]:
    """Garwood's exact limits: P(X ≥ count | L) = α/2 and P(X ≤ count | U) = α/2."""
    ceiling = count + 20 * math.sqrt(count + 1) + 20
    lower = 0.0 if count == 0 else _solve(1 - alpha / 2, count - 1, ceiling)
    return lower, _solve(alpha / 2, count, ceiling)


def difference(start: np.ndarray, start_limits: tuple[np.ndarray, np.ndarray], end: np.ndarray,
               end_limits: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``end − start`` and the square-and-add (MOVER) limits of that difference from each estimate's limits.

    Examples
    --------
    Newcombe (1998b), Table II, example (a): 56/70 − 48/80 has the limits 0.0524 to 0.3339.

    >>> a, b = np.array([48 / 80]), np.array([56 / 70])
    >>> change, low, high = difference(a, wilson(np.array([48.0]), np.array([80.0])), b,
    ...                                wilson(np.array([56.0]), np.array([70.0])))
    >>> round(float(low[0]), 4), round(float(high[0]), 4)
    (0.0524, 0.3339)
    """
    (start_low, start_high), (end_low, end_high) = start_limits, end_limits
    change = end - start
    lower = change - np.sqrt((end - end_low) ** 2 + (start_high - start) ** 2)
    upper = change + np.sqrt((end_high - end) ** 2 + (start - start_low) ** 2)
    return change, lower, upper
