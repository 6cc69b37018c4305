"""What a suggestion's score means: how often a suggestion with that score was right on texts unlike the training.

The engine's score is a weighted sum of signals, not a probability. ``data/calibration.json`` turns it into one: in
the leave-one-topic-out evaluation of ``benchmarks/text_mapping.py`` (every KS topic held out in turn, see
``benchmarks/README.md``) each of the five suggestions for each held-out text was right or not (one of the targets
KS links the text to). Those pairs of score and outcome are cut into bands of equal size by score, and adjacent
bands whose share of right suggestions would fall as the score rises are merged (pool adjacent violators), so the
share never falls as the score rises. The benchmark writes the file (``--write-calibration``); it names the
:data:`~lokalagenda.core.mapping.model.MODEL_VERSION` it was measured on, and a test fails when the model changes
without the file being measured again.

The shares come from single KS indicator titles; a plan document's suggestion has the score of its best passage,
so for a document the share is a guide, not a measurement.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

#: Bands the evaluation's suggestions are cut into before merging.
BANDS = 12


@dataclass(frozen=True)
class Band:
    """Suggestions scoring from ``low`` up to the next band's ``low``: how many there were and the share right."""

    low: float
    right: float
    suggestions: int


@dataclass(frozen=True)
class Calibration:
    """The bands of one evaluation, lowest score first, and what they were measured on."""

    model_version: str
    measured_on: str
    bands: tuple[Band, ...]

    def chance(self, score: float) -> float:
        """The share of right suggestions in the band ``score`` falls in (0 when there are no bands)."""
        share = self.bands[0].right if self.bands else 0.0
        for band in self.bands:
            if score >= band.low:
                share = band.right
        return share

    def as_dict(self) -> dict[str, object]:
        return {
            "model_version": self.model_version,
            "measured_on": self.measured_on,
            "bands": [
                {"low": round(b.low, 4), "right": round(b.right, 4), "suggestions": b.suggestions} for b in self.bands
            ],
        }

    def write(self, path: Path) -> None:
        path.write_text(json.dumps(self.as_dict(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    @classmethod
    def read(cls, path: Path) -> Calibration:
        raw = json.loads(path.read_text(encoding="utf-8"))
        bands = tuple(Band(float(b["low"]), float(b["right"]), int(b["suggestions"])) for b in raw["bands"])
        return cls(str(raw["model_version"]), str(raw["measured_on"]), bands)


def default_calibration_path() -> Path:
    """The calibration shipped with the package."""
    return Path(str(resources.files("lokalagenda.core.mapping").joinpath("data/calibration.json")))


@cache
def packaged() -> Calibration:
    """The shipped calibration, read once per process."""
    return Calibration.read(default_calibration_path())


def fit(outcomes: Sequence[tuple[float, bool]], bands: int = BANDS) -> tuple[Band, ...]:
    """Monotone bands from ``(score, right)`` pairs: :data:`BANDS` bands of equal size by score, then adjacent
    bands merged while a band's share of right suggestions is below the band before it."""
    ordered = sorted(outcomes)
    if not ordered:
        return ()
    size = -(-len(ordered) // bands)
    pools = [ordered[i : i + size] for i in range(0, len(ordered), size)]
    merged: list[list[tuple[float, bool]]] = []
    for pool in pools:
        merged.append(list(pool))
        while len(merged) > 1 and _share(merged[-1]) < _share(merged[-2]):
            last = merged.pop()
            merged[-1].extend(last)
    result = [Band(pool[0][0], _share(pool), len(pool)) for pool in merged]
    return (Band(0.0, result[0].right, result[0].suggestions), *result[1:])


def _share(pool: Sequence[tuple[float, bool]]) -> float:
    return sum(right for _, right in pool) / len(pool)
