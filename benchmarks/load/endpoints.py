"""What the load test requests: every endpoint with its group and weight, and the real kommuner and indicators.

Kept apart from the locustfile (which imports locust and so patches the standard library with gevent) so that
``load_test.py`` can use the same table to check every endpoint once before the load starts.

Kommuner are the bundle's 357 (``norway/municipalities.csv``); indicators are the ones with values in
``indicators/values.csv``. ``LOKALAGENDA_DATA_DIR`` must point at the bundle.
"""

from __future__ import annotations

import csv
import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

BASELINE_PATH = "/static/lokalagenda/site.css"
GROUPS = ("baseline", "public", "dashboard", "api")
GOALS = range(1, 18)


def _bundle() -> Path:
    folder = Path(os.environ.get("LOKALAGENDA_DATA_DIR", ""))
    if not (folder / "norway" / "municipalities.csv").is_file():
        raise SystemExit(f"LOKALAGENDA_DATA_DIR must name the data bundle (got {str(folder)!r})")
    return folder


def _column(path: Path, name: str) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(dict.fromkeys(row[name] for row in csv.DictReader(handle)))


DATA = _bundle()
KOMMUNER = _column(DATA / "norway" / "municipalities.csv", "municipality_code")
INDICATORS = _column(DATA / "indicators" / "values.csv", "indicator_id")


@dataclass(frozen=True)
class Endpoint:
    """One kind of request: its group, the name it is reported under, its weight and how to make a URL."""

    group: str
    name: str
    weight: int
    path: Callable[[random.Random], str]


def _kommune(pick: random.Random) -> str:
    return pick.choice(KOMMUNER)


def _fixed(path: str) -> Callable[[random.Random], str]:
    return lambda _pick: path


#: The task mix. Weights are per cent of requests: baseline 8, public pages 33, dashboards 31, API 28.
#: The kommune page (``/kommune/<nr>/``) is both a public page and the kommune's dashboard; it is counted once,
#: under dashboards.
ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint("baseline", "static site.css", 8, _fixed(BASELINE_PATH)),
    Endpoint("public", "/", 8, _fixed("/")),
    Endpoint("public", "/mal/", 5, _fixed("/mal/")),
    Endpoint("public", "/mal/[n]/", 6, lambda pick: f"/mal/{pick.choice(GOALS)}/"),
    Endpoint("public", "/indikatorer/", 5, _fixed("/indikatorer/")),
    Endpoint("public", "/nasjonalt/", 5, _fixed("/nasjonalt/")),
    Endpoint("public", "/erfaringer/", 4, _fixed("/erfaringer/")),
    Endpoint("dashboard", "/kommune/[nr]/", 12, lambda pick: f"/kommune/{_kommune(pick)}/"),
    Endpoint("dashboard", "/kommune/[nr]/mal/[n]/", 10,
             lambda pick: f"/kommune/{_kommune(pick)}/mal/{pick.choice(GOALS)}/"),
    Endpoint("dashboard", "/kommune/[nr]/indikator/[id]/", 9,
             lambda pick: f"/kommune/{_kommune(pick)}/indikator/{pick.choice(INDICATORS)}/"),
    Endpoint("api", "/api/kommuner/[nr]/results", 8, lambda pick: f"/api/kommuner/{_kommune(pick)}/results"),
    Endpoint("api", "/api/goals", 5, _fixed("/api/goals")),
    Endpoint("api", "/api/catalogue", 5, _fixed("/api/catalogue")),
    Endpoint("api", "/api/observations?indicator=[id]&place=[nr]", 10,
             lambda pick: f"/api/observations?indicator={pick.choice(INDICATORS)}&place={_kommune(pick)}"),
)
GROUP_OF = {endpoint.name: endpoint.group for endpoint in ENDPOINTS}
WEIGHTS = [endpoint.weight for endpoint in ENDPOINTS]
