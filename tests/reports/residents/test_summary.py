"""The residents' page: the kommune's stored results in plain words, its published priorities, actions and
partnerships (never drafts), the embed code, and a cached copy for anonymous visitors."""

import pytest

from lokalagenda.accounts.models import Organisation
from lokalagenda.framework.models import Goal
from lokalagenda.measurement.models import GoalResult, IndicatorResult
from lokalagenda.measurement.services import StatusRules, measure
from lokalagenda.partnerships.models import Partnership
from lokalagenda.places.place import place_for
from lokalagenda.plans.models import Action, LocalGoal, Plan, Priorities
from lokalagenda.reports.residents.summary import best_and_weakest, resident_summary
from tests.colour_words import RELATIVE_WORDS

pytestmark = pytest.mark.django_db

STATUS_WORDS = RELATIVE_WORDS  # the bundle's indicators have no thresholds: every colour is relative


@pytest.fixture
def english(client):
    client.cookies["lokalagenda_language"] = "en"
    return client


@pytest.fixture
def bergen_activities(db):
    """Bergen's published priorities, a published and a draft plan with an action each, and a published and a
    draft partnership."""
    bergen = Organisation.objects.get(slug="kommune-4601")
    priorities = Priorities.objects.create(organisation=bergen, statement="Bergen satser på helse.", published=True)
    priorities.goals.set(Goal.objects.filter(number__in=[3, 13]))
    for published, title in ((True, "Gratis svømmeopplæring"), (False, "Hemmelig utkast til tiltak")):
        plan = Plan.objects.create(organisation=bergen, kind=Plan.Kind.HANDLINGSPLAN, title=f"Plan {title}",
                                   start_year=2025, published=published)
        goal = LocalGoal.objects.create(plan=plan, title="Friske barn")
        Action.objects.create(goal=goal, title=title, status=Action.Status.ONGOING)
    Partnership.objects.create(organisation=bergen, title="Vaksineuka med frivillige", published=True)
    Partnership.objects.create(organisation=bergen, title="Upublisert samarbeid", published=False)
    return bergen


def test_summary_counts_the_goals_and_names_their_status_in_words(measured, english):
    response = english.get("/kommune/4601/innbyggere/")
    assert response.status_code == 200
    html = response.content.decode()
    measured_goals = GoalResult.objects.filter(run=measured, place="4601", score__isnull=False).count()
    noun = "goal" if measured_goals == 1 else "goals"
    assert f"Of the 17 goals, Bergen has measured results on {measured_goals} {noun} so far." in html
    assert html.count('data-goal-tile="') == 17
    assert any(words in html for words in STATUS_WORDS)
    assert "On track or keeping the target:" in html and "Going the wrong way:" in html
    assert "<script" not in html and 'style="' not in html


def test_strongest_and_weakest_areas_follow_the_status_colour_then_the_score(measured):
    results = list(IndicatorResult.objects.filter(run=measured, place="4601", score__isnull=False))
    best, weakest = best_and_weakest(results)
    order = ("green", "yellow", "orange", "red", "")
    ranked = sorted(results, key=lambda r: (order.index(r.colour or ""), -r.score))
    assert best[0] == ranked[0] and weakest[0] == ranked[-1]
    assert not {r.pk for r in best} & {r.pk for r in weakest}
    assert len(best) + len(weakest) == min(len(results), 6)
    worst_shown_strong = max(order.index(r.colour or "") for r in best)
    assert all(order.index(r.colour or "") >= worst_shown_strong for r in weakest)


def test_a_green_area_is_stronger_than_a_yellow_one_with_a_higher_score():
    class Result:
        def __init__(self, indicator_id: str, score: float | None, colour: str = "") -> None:
            self.indicator_id, self.score, self.colour = indicator_id, score, colour

    best, weakest = best_and_weakest([Result("hpv", 78.0, "green"), Result("dtp", 90.0, "yellow")])
    assert [r.indicator_id for r in best] == ["hpv"] and [r.indicator_id for r in weakest] == ["dtp"]


def test_best_and_weakest_never_name_an_area_twice_with_few_scores():
    class Result:
        def __init__(self, indicator_id: str, score: float | None, colour: str = "") -> None:
            self.indicator_id, self.score, self.colour = indicator_id, score, colour

    best, weakest = best_and_weakest([Result("a", 10.0), Result("b", 90.0), Result("c", None), Result("d", 50.0)])
    assert [r.indicator_id for r in best] == ["b", "d"] and [r.indicator_id for r in weakest] == ["a"]
    assert best_and_weakest([]) == ([], [])


def test_page_shows_published_priorities_actions_and_partnerships_but_no_drafts(bergen_activities, english):
    html = english.get("/kommune/4601/innbyggere/").content.decode()
    assert "Bergen satser på helse." in html
    assert "Bergen has chosen to give priority to:" in html and "goal 13" in html
    assert "Gratis svømmeopplæring" in html and "Its published plans have 1 action." in html
    assert "Vaksineuka med frivillige" in html
    assert "Hemmelig utkast til tiltak" not in html and "Upublisert samarbeid" not in html


def test_unpublished_priorities_are_not_shown(bergen_activities, english):
    Priorities.objects.filter(organisation=bergen_activities).update(published=False)
    html = english.get("/kommune/4601/innbyggere/").content.decode()
    assert "Bergen satser på helse." not in html
    assert "Bergen has not published its priorities yet." in html


def test_summary_reads_stored_results_only(measured):
    summary = resident_summary(place_for("4601"))
    assert summary.run == measured
    assert summary.measured == GoalResult.objects.filter(run=measured, place="4601", score__isnull=False).count()
    assert summary.sources and all(publisher and titles for publisher, titles in summary.sources)
    assert "FHI" in dict(summary.sources)


def test_page_before_any_measurement_says_so(unmeasured, english):
    html = english.get("/kommune/0301/innbyggere/").content.decode()
    assert "There are no measurements for Oslo yet." in html


def test_page_gives_the_embed_code_of_its_widget(english):
    html = english.get("/kommune/4601/innbyggere/").content.decode()
    assert ('&lt;iframe src=&quot;http://testserver/innbygging/kommune/4601/?lang=en&quot; '
            'title=&quot;The UN Sustainable Development Goals in Bergen&quot; width=&quot;100%&quot; '
            'height=&quot;640&quot; loading=&quot;lazy&quot;&gt;&lt;/iframe&gt;') in html
    assert '<label class="ds-label" for="embed-code">' in html


def test_fylke_page_summarises_the_fylke(measured, english):
    response = english.get("/fylke/46/innbyggere/")
    assert response.status_code == 200
    assert "Vestland and the UN Sustainable Development Goals" in response.content.decode()


@pytest.mark.parametrize("path", ["/kommune/9999/innbyggere/", "/fylke/99/innbyggere/"])
def test_unknown_place_is_404(client, path):
    assert client.get(path).status_code == 404


def test_anonymous_visitors_get_a_cached_copy(measured, client, django_assert_max_num_queries):
    first = client.get("/kommune/4601/innbyggere/")
    with django_assert_max_num_queries(6):
        second = client.get("/kommune/4601/innbyggere/")
    assert second.content == first.content


@pytest.mark.parametrize(("path", "language", "text"), [
    ("/kommune/4601/innbyggere/", "nb", "For lite data til en samlet indeks (1 av 17 mål målt)."),
    ("/kommune/4601/innbyggere/", "nn", "For lite data til ein samla indeks (1 av 17 mål målte)."),
    ("/innbygging/kommune/4601/?lang=nn", "nn", "For lite data til ein samla indeks (1 av 17 mål målte)."),
    ("/fylke/46/innbyggere/", "en", "Too little data for an overall index (1 of 17 goals measured)."),
])
def test_residents_see_why_there_is_no_overall_score_instead_of_one_from_one_goal(measured, client, path,
                                                                                   language, text):
    measure(rules=StatusRules(as_of_year=2026), force=True)
    client.cookies["lokalagenda_language"] = language
    html = client.get(path).content.decode()
    assert text in html and "data-no-index" in html


def test_the_residents_page_opens_with_the_goal_tiles(measured, bergen_activities, english):
    html = english.get("/kommune/4601/innbyggere/").content.decode()
    assert html.index("<h1") < html.index("data-goal-tiles") < html.index('id="summary-heading"')
    assert 'data-goal-tile="3"' in html and 'href="/kommune/4601/mal/3/"' in html
    assert "data-priority" in html  # Bergen's published priorities (goals 3 and 13) are marked
