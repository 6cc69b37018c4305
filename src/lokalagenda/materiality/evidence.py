"""The evidence an editor assesses a target beside: the organisation's own indicators for the target, with their
status and data year, as the last measurement run stored them (the read the kommune goal page uses,
``measurement.querysets``); nothing is computed here."""

from __future__ import annotations

from collections.abc import Iterable

from lokalagenda.measurement.models import IndicatorResult
from lokalagenda.measurement.querysets import core_set_first, latest_run_for


def indicators_by_target(place: str, targets: Iterable[str]) -> dict[str, list[IndicatorResult]]:
    """The stored indicator results of ``place`` (a kommunenummer or fylkesnummer) for each of ``targets``, from
    the last finished run that holds the place, the core set first; a target without any is left out."""
    run = latest_run_for(place)
    if run is None:
        return {}
    wanted = set(targets)
    results = (core_set_first(IndicatorResult.objects.filter(run=run, place=place))
               .select_related("indicator").prefetch_related("indicator__targets"))
    found: dict[str, list[IndicatorResult]] = {}
    for result in results:
        for target in result.indicator.targets.all():
            if target.code in wanted:
                found.setdefault(target.code, []).append(result)
    return found
