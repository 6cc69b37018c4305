"""A fake transport that replays recorded publisher responses, for tests with the network blocked."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from lokalagenda.core.sources import ssb

STRAND = "v0_07459_population_strand1130_1986-2026_jsonstat2.json"
KOMMSUMMER_2022 = "v0_07459_population_kommsummer_2022_jsonstat2.json"
KOSTRA_13542 = "v0_13542_kostra_key_figures_accounts_strand1130_2020-2025_jsonstat2.json"
#: Table metadata built in a documented shape (see metadata/README.md).
METADATA = Path(__file__).resolve().parent / "metadata"
METADATA_07459 = METADATA / "v0_07459_metadata_built.json"
FHI_DIMENSIONS = METADATA / "fhi_dimension_built.json"


class FakeTransport:
    """Answers POSTs in order from a list of responses (or exceptions to raise), and records what was sent."""

    def __init__(self, *responses: ssb.Response | BaseException) -> None:
        self.responses = list(responses)
        self.sent: list[tuple[str, Mapping[str, Any]]] = []

    def post(self, url: str, json: Mapping[str, Any]) -> ssb.Response:
        self.sent.append((url, json))
        return self._answer(url)

    def get(self, url: str) -> ssb.Response:
        self.sent.append((url, {}))
        return self._answer(url)

    def _answer(self, url: str) -> ssb.Response:
        if not self.responses:
            raise AssertionError(f"unexpected request: {url}")
        response = self.responses.pop(0)
        if isinstance(response, BaseException):
            raise response
        return response


def ok(body: bytes, **headers: str) -> ssb.Response:
    """A 200 response with ``body``."""
    return 200, {"content-type": "application/json", **headers}, body


def derived_v0_metadata(body: bytes) -> bytes:
    """SSB v0 metadata **derived** from a recorded JSON-stat 2.0 data response (see metadata/README.md): every
    dimension with the categories the recorded query selected, in order; ``role.time`` marks the time. No
    dimension is marked eliminable."""
    dataset = json.loads(body)
    times = set((dataset.get("role") or {}).get("time") or [])
    variables = []
    for code in dataset["id"]:
        dimension = dataset["dimension"][code]
        index = dimension["category"]["index"]
        values = sorted(index, key=index.get) if isinstance(index, dict) else list(index)
        labels = dimension["category"].get("label", {})
        variable = {"code": code, "text": dimension.get("label", code), "values": values,
                    "valueTexts": [labels.get(value, value) for value in values]}
        if code in times:
            variable["time"] = True
        variables.append(variable)
    return json.dumps({"title": dataset.get("label", ""), "variables": variables}, ensure_ascii=False).encode()
