"""Locust load for ``load_test.py``: anonymous visitors on public pages, kommune dashboards and the API.

Every simulated visitor repeats one task: pick an endpoint by weight from ``endpoints.ENDPOINTS``, fill in a
random kommune, goal or indicator, GET it, then wait 0–0.5 s (``WAIT_SECONDS``). Only ``200`` counts as
success; redirects are not followed, so a redirect is a failure too. The endpoint's group (``baseline``,
``public``, ``dashboard``, ``api``) goes along as the ``X-Load-Group`` header, so the server's access log can
be split the same way as the client's timings.

When ``LOKALAGENDA_LOAD_SAMPLES`` names a file, every request's endpoint, group, time and outcome is written
there as JSON when locust quits (``load_test.py`` computes exact percentiles from it).
``LOKALAGENDA_LOAD_SEED`` makes the visitors' choices repeatable. Run it through ``load_test.py``, which starts
the server on loopback; never point it at a host that is not yours.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import time
from pathlib import Path
from typing import Any

from endpoints import ENDPOINTS, GROUP_OF, WEIGHTS
from locust import FastHttpUser, between, events, task

WAIT_SECONDS = (0.0, 0.5)

_seeds = itertools.count(int(os.environ.get("LOKALAGENDA_LOAD_SEED", "20261126")))
_samples: list[dict[str, Any]] = []
_window: dict[str, float] = {}


class Visitor(FastHttpUser):
    """An anonymous visitor: one request, then a short pause, until the run ends."""

    wait_time = between(*WAIT_SECONDS)
    network_timeout = 30.0
    connection_timeout = 30.0

    def on_start(self) -> None:
        self.pick = random.Random(next(_seeds))

    @task
    def visit(self) -> None:
        endpoint = self.pick.choices(ENDPOINTS, weights=WEIGHTS)[0]
        with self.client.get(endpoint.path(self.pick), name=endpoint.name, headers={"X-Load-Group": endpoint.group},
                             allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")


@events.request.add_listener
def _record(name: str, response_time: float, exception: BaseException | None, **_: Any) -> None:
    _samples.append({"name": name, "group": GROUP_OF.get(name, "other"), "ms": response_time,
                     "ok": exception is None, "error": None if exception is None else str(exception)[:200]})


@events.test_start.add_listener
def _started(**_: Any) -> None:
    _window["started"] = time.time()


@events.test_stop.add_listener
def _stopped(**_: Any) -> None:
    _window["stopped"] = time.time()


@events.quitting.add_listener
def _write_samples(**_: Any) -> None:
    target = os.environ.get("LOKALAGENDA_LOAD_SAMPLES")
    if target:
        Path(target).write_text(json.dumps({**_window, "samples": _samples}), encoding="utf-8")
