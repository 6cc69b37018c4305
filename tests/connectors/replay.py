"""A fake transport that replays recorded publisher responses, for tests with the network blocked."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lokalagenda.core.sources import ssb

STRAND = "v0_07459_population_strand1130_1986-2026_jsonstat2.json"
KOMMSUMMER_2022 = "v0_07459_population_kommsummer_2022_jsonstat2.json"


class FakeTransport:
    """Answers POSTs in order from a list of responses (or exceptions to raise), and records what was sent."""

    def __init__(self, *responses: ssb.Response | BaseException) -> None:
        self.responses = list(responses)
        self.sent: list[tuple[str, Mapping[str, Any]]] = []

    def post(self, url: str, json: Mapping[str, Any]) -> ssb.Response:
        self.sent.append((url, json))
        if not self.responses:
            raise AssertionError(f"unexpected request: {url}")
        response = self.responses.pop(0)
        if isinstance(response, BaseException):
            raise response
        return response


def ok(body: bytes, **headers: str) -> ssb.Response:
    """A 200 response with ``body``."""
    return 200, {"content-type": "application/json", **headers}, body
