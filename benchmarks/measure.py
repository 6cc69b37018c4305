"""Benchmark: a full recompute of every measurement method for 357 kommuner × 500 indicators × 20 years.

The values are generated (numpy, fixed seed): a positive random walk per kommune and indicator with 5 % of the
values missing, a catalogue in which every indicator belongs to a goal, has an orientation, and (for most) an
optimum and dashboard thresholds, and Open SDG options per series (targets for half the indicators, limits for
a tenth). Then:

1. every method of ``lokalagenda.core.measure`` runs once on all of it, and its wall time is printed (best of
   ``--repeat`` runs); the Open SDG progress status is computed for all 178,500 series by the vectorised
   ``progress_status``;
2. the same progress method runs through ``progress_reference_loop`` — the plain per-series Python loop — on a
   random sample of series (``--sample``, at least 5,000; ``--sample 0`` runs all of them), best of
   ``--repeat`` runs; its time is extrapolated to all series, the two results are compared on the sample, and
   the ratio loop/vectorised is printed.

Run ``.venv/bin/python benchmarks/measure.py``. Nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from lokalagenda.core.measure import distance, keyresults, normalise
from lokalagenda.core.measure.panel import IndicatorSpecs, Panel
from lokalagenda.core.measure.progress import progress_reference_loop, progress_status

PLACES, INDICATORS, YEARS = 357, 500, np.arange(2006, 2026)
SEED = 20261126


def generate(rng: np.random.Generator) -> tuple[Panel, IndicatorSpecs, pd.DataFrame, pd.DataFrame]:
    """The panel, the catalogue specs, the long observation table and the per-series Open SDG options."""
    start = rng.lognormal(3, 1, (PLACES, INDICATORS, 1))
    steps = rng.normal(0.0, 0.04, (PLACES, INDICATORS, len(YEARS)))
    values = start * np.exp(np.cumsum(steps, axis=2))
    values[rng.random(values.shape) < 0.05] = np.nan
    places = np.array([f"{number:04d}" for number in range(1, PLACES + 1)], dtype=object)
    indicators = np.array([f"IND_{number:03d}" for number in range(INDICATORS)], dtype=object)
    panel = Panel(values, places, indicators, YEARS)
    specs = _specs(rng, values)
    series = np.arange(PLACES * INDICATORS).repeat(len(YEARS))
    observations = pd.DataFrame({"series": series, "year": np.tile(YEARS, PLACES * INDICATORS),
                                 "value": values.ravel()})
    return panel, specs, observations, _options(rng, specs, values)


def _specs(rng: np.random.Generator, values: np.ndarray) -> IndicatorSpecs:
    higher = rng.random(INDICATORS) < 0.6
    latest = np.nanmedian(values[:, :, -1], axis=0)
    spread = np.nanstd(values[:, :, -1], axis=0)
    sign = np.where(higher, 1.0, -1.0)
    with_thresholds = rng.random(INDICATORS) < 0.8
    green, yellow, orange = (np.where(with_thresholds, latest + sign * k * spread, np.nan) for k in (1.0, 0.3, -0.4))
    optimum = np.where(rng.random(INDICATORS) < 0.6, latest + sign * 2 * spread, np.nan)
    return IndicatorSpecs(np.arange(INDICATORS) % 17 + 1, higher, optimum, green, yellow, orange,
                          np.ones(INDICATORS, dtype=bool))


def _options(rng: np.random.Generator, specs: IndicatorSpecs, values: np.ndarray) -> pd.DataFrame:
    """Open SDG options of every (kommune, indicator) series, indexed by the series number."""
    per_indicator = pd.DataFrame({
        "direction": np.where(specs.higher_is_better, 1.0, -1.0),
        "target": np.where(rng.random(INDICATORS) < 0.5, specs.green, np.nan),
        "limit": np.where(rng.random(INDICATORS) < 0.1, np.nanmax(values[:, :, -1], axis=0), np.nan),
    })
    options = per_indicator.iloc[np.tile(np.arange(INDICATORS), PLACES)].reset_index(drop=True)
    options["base_year"], options["target_year"] = 2015.0, 2030.0
    return options


def timed(name: str, function: Callable[[], Any], repeat: int, timings: dict[str, float]) -> Any:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    timings[name] = best
    return result


def all_methods(panel: Panel, specs: IndicatorSpecs, observations: pd.DataFrame, options: pd.DataFrame,
                peers: pd.DataFrame, key_results: pd.DataFrame, repeat: int) -> dict[str, float]:
    timings: dict[str, float] = {}
    timed("open_sdg_progress (178,500 series)", lambda: progress_status(observations, options), repeat, timings)
    scores = timed("sdsn_normalised_scores", lambda: normalise.normalised_scores(panel, specs), repeat, timings)
    goals = timed("sdsn_goal_scores", lambda: normalise.goal_scores(scores, specs), repeat, timings)
    timed("sdsn_index", lambda: normalise.sdg_index(scores, goals), repeat, timings)
    ratings = timed("sdsn_dashboard", lambda: normalise.dashboard(scores, specs), repeat, timings)
    timed("sdsn_goal_dashboard", lambda: normalise.goal_dashboard(ratings, specs), repeat, timings)
    trends = timed("sdsn_trends", lambda: normalise.trends(scores, specs), repeat, timings)
    timed("sdsn_goal_trends", lambda: normalise.goal_trends(trends, specs), repeat, timings)
    scaled = timed("oecd_normalised", lambda: distance.normalised_distance(panel, specs), repeat, timings)
    distances = timed("oecd_goal_distance", lambda: distance.goal_distance(scaled, specs), repeat, timings)
    timed("oecd_peer_comparison", lambda: distance.peer_comparison(distances, peers), repeat, timings)
    timed("key_result_progress", lambda: keyresults.key_result_progress(key_results), repeat, timings)
    return timings


def loop_sample(observations: pd.DataFrame, options: pd.DataFrame, sample: int, rng: np.random.Generator,
                repeat: int) -> tuple[float, int, pd.DataFrame, pd.DataFrame]:
    """Time the reference loop on ``sample`` random series (all with 0), best of ``repeat``; returns seconds,
    how many series, and the vectorised and loop tables of those series."""
    total = PLACES * INDICATORS
    chosen = np.arange(total) if sample <= 0 or sample >= total else np.sort(rng.choice(total, sample, replace=False))
    rows = observations[np.isin(observations["series"].to_numpy(), chosen)]
    subset = options.loc[chosen]
    timings: dict[str, float] = {}
    slow = timed("loop", lambda: progress_reference_loop(rows, subset), repeat, timings)
    fast = progress_status(rows, subset).table
    return timings["loop"], len(chosen), fast, slow


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=10_000, help="series for the loop (0: all; default 10,000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per method; the best counts (default 3)")
    args = parser.parse_args()
    if 0 < args.sample < 5_000:
        parser.error("--sample must be at least 5,000 (or 0 for all series)")
    rng = np.random.default_rng(SEED)
    start = time.perf_counter()
    panel, specs, observations, options = generate(rng)
    peers = pd.DataFrame({"size_class": rng.integers(1, 7, PLACES), "fylke": rng.integers(1, 16, PLACES),
                          "kostra_group": rng.integers(1, 17, PLACES)}, index=panel.places)
    key_results = pd.DataFrame({"start": rng.uniform(0, 100, PLACES * 50), "target": rng.uniform(0, 100, PLACES * 50),
                                "current": rng.uniform(0, 100, PLACES * 50)})
    print(f"generated {observations.shape[0]:,} values ({PLACES} kommuner × {INDICATORS} indicators × {len(YEARS)} "
          f"years, seed {SEED}) in {time.perf_counter() - start:.2f} s")

    timings = all_methods(panel, specs, observations, options, peers, key_results, args.repeat)
    for name, seconds in timings.items():
        print(f"  {name:<36} {seconds * 1000:8.1f} ms")
    start = time.perf_counter()
    all_methods(panel, specs, observations, options, peers, key_results, 1)
    wall = time.perf_counter() - start
    print(f"full recompute of all methods: {wall:.3f} s wall time in one pass "
          f"({sum(timings.values()):.3f} s as the sum of each method's best of {args.repeat})")

    seconds, count, fast, slow = loop_sample(observations, options, args.sample, rng, args.repeat)
    all_series = PLACES * INDICATORS
    extrapolated = seconds * all_series / count
    differs = (fast["status"] != slow["status"]).sum()
    largest = np.nanmax(np.abs(fast["score"].to_numpy(float) - slow["score"].to_numpy(float)))
    vectorised = timings["open_sdg_progress (178,500 series)"]
    how = ("all series" if count == all_series
           else f"a random sample of {count:,} series, extrapolated to {all_series:,}")
    print(f"reference loop (progress_reference_loop) on {how}: {seconds:.2f} s measured (best of {args.repeat}), "
          f"{extrapolated:.1f} s for all series")
    print(f"  same results on the sample: {differs} status differences, largest score difference {largest:.1e}")
    print(f"vectorised progress_status on all series: {vectorised:.3f} s")
    print(f"ratio loop / vectorised: {extrapolated / vectorised:.0f}×")


if __name__ == "__main__":
    main()
