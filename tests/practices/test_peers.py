"""Learn from peers: on a kommune's red or orange indicator, practices of kommuner that do better, similar
kommuner first, with the reason, read from the stored results of the latest measurement run."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from lokalagenda.measurement.models import IndicatorResult, MeasurementRun
from lokalagenda.practices.peers import COLOUR_ORDER, suggested_practices
from lokalagenda.practices.search import size_classes
from tests.fixtures import make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def measured(measured_module: Any, db: Any) -> MeasurementRun:
    return measured_module


@pytest.fixture(autouse=True)
def english() -> Any:
    """The reasons are read in English."""
    with translation.override("en"):
        yield


def _struggling(run: MeasurementRun) -> IndicatorResult:
    """A red kommune on an indicator linked to SDG targets, chosen from the stored results."""
    results = IndicatorResult.objects.filter(run=run, colour="red", indicator__targets__isnull=False)
    return next(r for r in results.select_related("indicator").order_by("indicator_id", "place")
                if len(r.place) == 4)


def _better(run: MeasurementRun, weak: IndicatorResult, *, same_size: bool) -> IndicatorResult:
    sizes = size_classes()
    better = IndicatorResult.objects.filter(run=run, indicator=weak.indicator, colour__in=["yellow", "green"])
    return next(r for r in better.order_by("place") if len(r.place) == 4 and r.place[:2] != weak.place[:2]
                and (sizes[r.place] == sizes[weak.place]) == same_size)


def _practice_of(place: str, targets: list[str], make_practice: Any, title: str) -> Any:
    from django.contrib.auth import get_user_model

    editor = get_user_model().objects.filter(username=f"editor-{place}").first() or make_member(
        f"editor-{place}", f"kommune-{place}", "editor")
    return make_practice(editor, f"kommune-{place}", title=title, kommuner=(place,), targets=tuple(targets),
                         published=True)


def test_better_kommuner_are_suggested_similar_first_with_the_reason(measured: MeasurementRun,
                                                                     make_practice: Any, client: Any) -> None:
    weak = _struggling(measured)
    targets = list(weak.indicator.targets.values_list("code", flat=True))
    similar, other = _better(measured, weak, same_size=True), _better(measured, weak, same_size=False)
    practice = _practice_of(other.place, targets, make_practice, "Vaksinebuss til bygdene")
    similar_practice = _practice_of(similar.place, targets, make_practice, "Påminnelse på SMS")
    _practice_of(similar.place, ["1.1"], make_practice, "Noe helt annet")

    suggestions = suggested_practices(weak.place, indicator_id=weak.indicator_id)
    assert [s.kommune.number for s in suggestions] == [similar.place, other.place]
    assert [p.pk for p in suggestions[0].practices] == [similar_practice.pk]
    assert [p.pk for p in suggestions[1].practices] == [practice.pk]
    assert COLOUR_ORDER.index(similar.colour) > COLOUR_ORDER.index(weak.colour)
    assert suggestions[0].reason.startswith(f"{suggestions[0].kommune.name} is {similar.colour} on")
    assert "(you: red)" in suggestions[0].reason and "1 practice" in suggestions[0].reason

    client.cookies["lokalagenda_language"] = "en"
    page = client.get(f"/kommune/{weak.place}/").content.decode()
    assert "Learn from other kommuner" in page
    assert suggestions[0].reason.replace("(", "").split(";")[0] in page.replace("(", "")
    assert f'href="/erfaringer/{similar_practice.pk}/"' in page


def test_an_improvement_since_an_earlier_run_is_the_reason(measured: MeasurementRun, make_practice: Any) -> None:
    weak = _struggling(measured)
    targets = list(weak.indicator.targets.values_list("code", flat=True))
    peer = _better(measured, weak, same_size=True)
    earlier = MeasurementRun.objects.create(status=MeasurementRun.Status.DONE, fingerprint="earlier",
                                            finished_at=measured.finished_at)
    MeasurementRun.objects.filter(pk=earlier.pk).update(started_at=measured.started_at.replace(year=2020))
    IndicatorResult.objects.create(run=earlier, indicator=weak.indicator, place=peer.place, year=2019,
                                   colour="red")
    IndicatorResult.objects.create(run=earlier, indicator=weak.indicator, place=weak.place, year=2019,
                                   colour="red")
    _practice_of(peer.place, targets, make_practice, "Vaksinebuss")
    [suggestion] = suggested_practices(weak.place, indicator_id=weak.indicator_id)
    assert suggestion.reason.startswith(f"{suggestion.kommune.name} moved from red to {peer.colour} on ")
    assert "since 2019" in suggestion.reason


def test_no_suggestions_where_the_kommune_is_doing_well(measured: MeasurementRun, make_practice: Any) -> None:
    good = next(r for r in IndicatorResult.objects.filter(run=measured, colour="green").order_by("place")
                if len(r.place) == 4)
    assert suggested_practices(good.place, indicator_id=good.indicator_id) == []


def test_drafts_are_never_suggested(measured: MeasurementRun, make_practice: Any) -> None:
    weak = _struggling(measured)
    peer = _better(measured, weak, same_size=True)
    editor = make_member("peer-editor", f"kommune-{peer.place}", "editor")
    make_practice(editor, f"kommune-{peer.place}", kommuner=(peer.place,),
                  targets=tuple(weak.indicator.targets.values_list("code", flat=True)))
    assert suggested_practices(weak.place, indicator_id=weak.indicator_id) == []


def test_a_goal_where_the_kommune_is_red_or_orange_gets_suggestions_too(measured: MeasurementRun,
                                                                       make_practice: Any) -> None:
    from lokalagenda.measurement.models import GoalResult

    weak = next(r for r in GoalResult.objects.filter(run=measured, colour__in=["red", "orange"]).order_by("place")
                if len(r.place) == 4)
    peer = next(r for r in GoalResult.objects.filter(run=measured, goal=weak.goal, colour="green").order_by("place")
                if len(r.place) == 4)
    target = weak.goal.targets.order_by("code").first()
    practice = _practice_of(peer.place, [target.code], make_practice, "Et godt tiltak")
    [suggestion] = suggested_practices(weak.place, goal=weak.goal_id)
    assert suggestion.kommune.number == peer.place and suggestion.practices == [practice]
    assert f"is green on goal {weak.goal_id}" in suggestion.reason
