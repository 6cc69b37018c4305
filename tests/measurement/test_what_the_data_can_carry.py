"""The pages say what the data can carry, in bokmål, nynorsk and English: no index from one goal, how many
indicators carry a goal score, a figure too old for a status, the publisher's reason for a missing value, and
what would measure a goal without data. Runs are made with a fixed year, so the texts do not move with the
calendar (the bundle's vaccination series, all goal 3, end in 2018)."""

import pytest

from lokalagenda.connectors import services as connectors
from lokalagenda.connectors.models import FetchSpec
from lokalagenda.indicators.models import Indicator
from lokalagenda.indicators.services import import_file
from lokalagenda.measurement.services import StatusRules, measure
from tests.colour_words import RELATIVE_WORDS

pytestmark = pytest.mark.django_db

BERGEN = "/kommune/4601/"
MEASLES = "/kommune/4601/indikator/VAX_MEASLES_AGE2/"


@pytest.fixture
def bundle_values(scored_values):
    import_file(scored_values)


def _page(client, path: str, language: str) -> str:
    client.cookies["lokalagenda_language"] = language
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(("language", "text", "index_word", "window"), [
    ("nb", "For lite data til en samlet indeks (1 av 17 mål målt).", "Bærekraftsindeks:",
     "Tall fra før 2016 er for gamle til å gi status."),
    ("nn", "For lite data til ein samla indeks (1 av 17 mål målte).", "Berekraftsindeks:",
     "Tal frå før 2016 er for gamle til å gi status."),
    ("en", "Too little data for an overall index (1 of 17 goals measured).", "SDG index:",
     "Figures from before 2016 are too old to give a status."),
])
def test_the_kommune_page_gives_no_index_from_one_goal_and_says_why(bundle_values, client, language, text,
                                                                     index_word, window):
    measure(rules=StatusRules(as_of_year=2026))
    html = _page(client, BERGEN, language)
    assert text in html and index_word not in html and window in html


@pytest.mark.parametrize(("language", "text"), [("nb", "(4 indikatorer)"), ("nn", "(4 indikatorar)"),
                                                ("en", "(4 indicators)")])
def test_a_goal_score_says_how_many_indicators_carry_it(bundle_values, client, language, text):
    measure(rules=StatusRules(as_of_year=2026))
    html = _page(client, BERGEN, language)
    row = html[html.index('<tr data-goal="3"'):]
    assert text in row[:row.index("</tr>")]
    assert text in _page(client, "/kommune/4601/mal/3/", language)


@pytest.mark.parametrize(("language", "text"), [
    ("nb", "siste tall fra 2018 – for gammelt til å gi status"),
    ("nn", "siste tal frå 2018 – for gammalt til å gi status"),
    ("en", "latest figure from 2018 – too old to give a status"),
])
def test_a_figure_older_than_the_window_shows_its_year_instead_of_a_status(bundle_values, client, language, text):
    measure(rules=StatusRules(as_of_year=2030))
    for path in (BERGEN, MEASLES, "/kommune/4601/mal/3/"):
        assert text in _page(client, path, language), path
    assert text[0].upper() + text[1:] in _page(client, BERGEN, language)  # goal 3 among the goals without data


def test_a_figure_inside_the_window_gives_its_status(bundle_values, client):
    measure(rules=StatusRules(as_of_year=2026))
    html = _page(client, MEASLES, "en")
    assert "too old to give a status" not in html
    assert any(word in html for word in RELATIVE_WORDS)


@pytest.fixture
def bergen_gaps(bundle_values, tmp_path):
    """Bergen's values with the publisher's reasons for three missing years: 2019 suppressed (``:``), 2020 not
    applicable (``.``), 2021 not available (``..``)."""
    path = tmp_path / "gaps.csv"
    path.write_text("indicator_id,municipality_code,year,value\nVAX_MEASLES_AGE2,4601,2019,:\n"
                    "VAX_MEASLES_AGE2,4601,2020,.\nVAX_MEASLES_AGE2,4601,2021,..\n", encoding="utf-8")
    import_file(path)
    measure(rules=StatusRules(as_of_year=2026))


@pytest.mark.parametrize(("language", "suppressed", "not_applicable", "missing", "value_for"), [
    ("nb", "skjult av personvernhensyn", "ikke aktuelt", "ikke tilgjengelig", "Verdi for 2021"),
    ("nn", "skjult av omsyn til personvernet", "ikkje aktuelt", "ikkje tilgjengeleg", "Verdi for 2021"),
    ("en", "suppressed for privacy", "not applicable", "not available", "Value for 2021"),
])
def test_the_indicator_page_gives_the_publishers_reason_for_a_missing_value(bergen_gaps, client, language,
                                                                             suppressed, not_applicable, missing,
                                                                             value_for):
    html = _page(client, MEASLES, language)
    for flag, words in (("suppressed", suppressed), ("not_applicable", not_applicable), ("missing", missing)):
        assert f'data-flag="{flag}">{words}</td>' in html, flag
    assert value_for in html and f'<dd data-flag="missing">{missing}</dd>' in html


def test_the_kommune_page_names_the_reason_instead_of_a_bare_dash(bergen_gaps, client):
    html = _page(client, BERGEN, "nb")
    assert "ikke tilgjengelig" in html and "(missing)" not in html


@pytest.fixture
def goal_6_specs(bundle_values, tmp_path, monkeypatch):
    """Four catalogue indicators of goal 6 made scorable (a direction) with a fetch spec each; the spec files
    are left out (an empty folder), so only these stored specs count."""
    monkeypatch.setattr(connectors, "SPECS_DIR", tmp_path)
    indicators = list(Indicator.objects.filter(targets__goal_id=6).distinct().order_by("id")[:4])
    assert len(indicators) == 4
    for indicator in indicators:
        Indicator.objects.filter(id=indicator.id).update(direction="higher")
        FetchSpec.objects.create(indicator=indicator, publisher="ssb", table="12345", contents="X")
    measure(rules=StatusRules(as_of_year=2026))
    return indicators


def _gap(html: str, goal: int) -> str:
    start = html.index(f'<li data-goal-gap="{goal}">')
    return html[start:html.index("</li>", start)]


@pytest.mark.parametrize(("language", "get", "more", "none", "link"), [
    ("nb", "hent dem med «lokalagenda sync all»", "(og 1 til)",
     "Ingen indikator som kan gi disse målene en poengsum, kan hentes ennå", "Indikatorer for mål"),
    ("nn", "hent dei med «lokalagenda sync all»", "(og 1 til)",
     "Ingen indikator som kan gi desse måla ein poengsum, kan hentast enno", "Indikatorar for mål"),
])
def test_every_goal_without_data_names_what_would_measure_it_and_how_to_get_it(goal_6_specs, client, language,
                                                                                get, more, none, link):
    html = _page(client, BERGEN, language)
    linked = set(Indicator.objects.filter(id__in=[i.id for i in goal_6_specs]).values_list("targets__goal_id",
                                                                                          flat=True)) - {3}
    assert html.count("<li data-goal-gap=") == len(linked)  # goals with something to say get an item each
    assert html.count(get) == 1  # how to get the data is said once, not once a goal
    water = _gap(html, 6)
    assert more in water
    assert sum(indicator.title_in(language) in water for indicator in goal_6_specs) == 3  # at most three names
    assert f'href="/indikatorer/?goal=6">{link} 6</a>' in water
    bare = html[html.index("data-goal-gaps-bare"):]
    bare = bare[:bare.index("</p>")]
    assert none in bare
    for goal in set(range(1, 18)) - linked - {3}:  # the goals nothing would measure, together in one sentence
        assert f'data-goal-gap="{goal}" href="/indikatorer/?goal={goal}">{goal} ' in bare
    assert 'data-goal-gap="3"' not in html


def test_dashboards_and_reports_read_the_core_set_first(bundle_values):
    from lokalagenda.indicators.set_membership import core_set
    from lokalagenda.measurement.querysets import dashboard_for, goal_for
    from lokalagenda.reports.vlr.content import indicator_results

    run = measure(rules=StatusRules(as_of_year=2026)).run
    by_id = [stored.result.indicator_id for stored in dashboard_for("4601").indicators]
    assert by_id == sorted(by_id) and len(by_id) == 4
    core = core_set(create=True)
    Indicator.objects.get(id=by_id[-1]).sets.add(core)
    assert [s.result.indicator_id for s in dashboard_for("4601").indicators] == [by_id[-1], *by_id[:-1]]
    assert [r.indicator_id for r in goal_for("4601", 3).indicators] == [by_id[-1], *by_id[:-1]]
    assert [r.indicator_id for r in indicator_results(run, "4601")] == [by_id[-1], *by_id[:-1]]
    assert [s.result.in_core_set for s in dashboard_for("4601").indicators] == [True, False, False, False]
