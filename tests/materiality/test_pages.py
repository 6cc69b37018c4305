"""The assessment pages: the public reads only published versions, members read the draft, editors of the
organisation assess, publish and confirm priorities, and everyone else is refused every write."""

import re

import pytest
from django.urls import reverse

from lokalagenda.framework.models import Goal, Target
from lokalagenda.materiality.models import AssessmentVersion, DraftEntry
from lokalagenda.materiality.services import publish, save_entry
from lokalagenda.plans.models import Priorities
from lokalagenda.plans.services import save_priorities
from tests.fixtures import make_member

pytestmark = pytest.mark.django_db

PAGE = "/kommune/4601/vesentlighet/"


def _assess(organisation, user, code, **values):
    defaults = {"situation": "challenge", "influence": "direct", "rationale": "", "material": True}
    return save_entry(organisation, user, Target.objects.get(code=code), **{**defaults, **values})


def _english(client):
    client.cookies["lokalagenda_language"] = "en"
    return client


def _targets_on(response):
    html = response.content.decode()
    return {code for code in ("11.6", "3.b", "1.2") if f'data-target="{code}"' in html}


def test_the_public_reads_not_published_yet_before_the_first_version(client, bergen, bergen_editor):
    _assess(bergen, bergen_editor, "11.6", rationale="Svevestøv om vinteren")
    response = _english(client).get(PAGE)
    assert response.status_code == 200
    assert "The assessment is not published yet." in response.content.decode()
    assert _targets_on(response) == set() and "Svevestøv" not in response.content.decode()


def test_the_public_reads_the_published_version_and_never_the_draft(client, bergen, bergen_editor):
    _assess(bergen, bergen_editor, "11.6", rationale="Svevestøv om vinteren")
    publish(bergen, bergen_editor)
    _assess(bergen, bergen_editor, "3.b", rationale="Utkast om vaksiner")
    html = _english(client).get(PAGE).content.decode()
    assert 'data-version="1"' in html and "Svevestøv om vinteren" in html
    assert "Utkast om vaksiner" not in html and 'data-target="3.b"' not in html


def test_members_read_the_draft_with_a_note_that_it_differs(client, bergen, bergen_editor):
    _assess(bergen, bergen_editor, "11.6")
    publish(bergen, bergen_editor)
    _assess(bergen, bergen_editor, "3.b", situation="major_challenge", involved=["residents"])
    client.force_login(bergen_editor)
    response = _english(client).get(PAGE)
    html = response.content.decode()
    assert _targets_on(response) == {"11.6", "3.b"}
    assert "data-changes" in html and "The newest published version is version 1" in html
    assert "major challenge" in html and "residents" in html


def test_an_earlier_version_stays_readable(client, bergen, bergen_editor):
    _assess(bergen, bergen_editor, "11.6", rationale="Første vurdering")
    publish(bergen, bergen_editor)
    _assess(bergen, bergen_editor, "11.6", rationale="Andre vurdering")
    publish(bergen, bergen_editor)
    html = _english(client).get(PAGE + "versjon/1/").content.decode()
    assert "Første vurdering" in html and "Andre vurdering" not in html
    assert "This is an earlier version." in html
    assert client.get(PAGE + "versjon/3/").status_code == 404


def test_an_editor_saves_a_target_from_the_goal_page_and_comes_back_to_it(client, bergen, bergen_editor):
    client.force_login(bergen_editor)
    response = client.post(PAGE + "mal/11/", {
        "target": "11.6", "action": "save", "t11_6-situation": "major_challenge", "t11_6-influence": "indirect",
        "t11_6-rationale": "Vedfyring og trafikk", "t11_6-material": "on",
        "t11_6-involved": ["administration", "council"]})
    assert response.status_code == 302 and response["Location"].endswith(PAGE + "mal/11/#t11_6")
    entry = DraftEntry.objects.get(organisation=bergen)
    assert (entry.target_id, entry.situation, entry.influence, entry.material, entry.involved) == (
        "11.6", "major_challenge", "indirect", True, ["administration", "council"])
    client.post(PAGE + "mal/11/", {"target": "11.6", "action": "remove"})
    assert not DraftEntry.objects.exists()


def test_a_missing_choice_is_shown_at_its_field(client, bergen, bergen_editor):
    client.force_login(bergen_editor)
    response = _english(client).post(PAGE + "mal/11/", {"target": "11.6", "action": "save",
                                                         "t11_6-situation": "challenge"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "This field is required." in html and 'name="t11_6-situation" value="challenge"' in html
    assert not DraftEntry.objects.exists()
    assert client.post(PAGE + "mal/11/", {"target": "3.b"}).status_code == 400  # not a target of goal 11


def test_the_goal_page_lists_the_locally_relevant_targets_first_and_all_on_request(client, bergen_editor):
    client.force_login(bergen_editor)
    relevant = client.get(PAGE + "mal/11/").content.decode()
    everything = client.get(PAGE + "mal/11/?alle=1").content.decode()
    assert relevant.count('class="materiality-target"') < everything.count('class="materiality-target"') == 10


def test_a_long_goal_page_opens_with_links_to_its_targets_marking_the_assessed(client, bergen, bergen_editor):
    _assess(bergen, bergen_editor, "11.6")
    client.force_login(bergen_editor)
    html = _english(client).get(PAGE + "mal/11/?alle=1").content.decode()
    contents = html[html.index("data-target-contents"):html.index("</nav>", html.index("data-target-contents"))]
    articles = re.findall(r'<article class="materiality-target" id="(\w+)"', html)
    assert re.findall(r'href="#(t\w+)"', contents) == articles and len(articles) == 10
    assert contents.count("Assessed") == 1 and '<a class="ds-link" href="#t11_6">11.6</a> <span aria-hidden' in contents
    assert contents.index("Targets on this page") < contents.index("#t11_1")


def test_the_goal_page_shows_the_kommunes_indicators_with_status_and_year(measured_module, db, client, oslo_editor):
    from lokalagenda.measurement.models import IndicatorResult

    stored = IndicatorResult.objects.filter(place="0301", indicator__targets__code="3.b").first()
    client.force_login(oslo_editor)
    html = _english(client).get("/kommune/0301/vesentlighet/mal/3/?alle=1").content.decode()
    article = html.split('id="t3_b"', 1)[1].split("</article>", 1)[0]
    assert f"<td>{stored.year}</td>" in article and 'class="colour-meaning"' in article
    assert f'href="/kommune/0301/indikator/{stored.indicator_id}/"' in article


def test_a_fylke_goal_page_links_its_indicators_to_the_catalogue(measured_module, db, client, vestland_editor):
    """A fylke has no indicator page of its own: its evidence links to the indicator's page in the catalogue."""
    from lokalagenda.measurement.models import IndicatorResult

    stored = IndicatorResult.objects.filter(place="46", indicator__targets__code="3.b").first()
    assert stored is not None
    client.force_login(vestland_editor)
    html = _english(client).get("/fylke/46/vesentlighet/mal/3/?alle=1").content.decode()
    article = html.split('id="t3_b"', 1)[1].split("</article>", 1)[0]
    assert f'href="/indikatorer/{stored.indicator_id}/"' in article and f"<td>{stored.year}</td>" in article


@pytest.mark.parametrize("method, path", [
    ("get", "mal/11/"), ("post", "mal/11/"), ("get", "publiser/"), ("post", "publiser/"),
    ("post", "matrise/prioriteringer/"),
])
def test_everyone_but_the_organisations_editors_is_refused_every_write(client, bergen, bergen_editor, oslo_editor,
                                                                        method, path):
    from lokalagenda.accounts.models import AuditEntry

    _assess(bergen, bergen_editor, "11.6")
    data = None if method == "get" else {"target": "11.6", "action": "remove", "targets": ["11.6"], "reason": "Kapring"}
    assert getattr(client, method)(PAGE + path, data).status_code == 302  # anonymous: to log in
    viewer = make_member("bergen-viewer", "kommune-4601", "viewer")
    for user in (oslo_editor, viewer):
        client.force_login(user)
        assert getattr(client, method)(PAGE + path, data).status_code == 403
    assert DraftEntry.objects.count() == 1 and not AssessmentVersion.objects.exists()
    assert not Priorities.objects.filter(organisation=bergen).exists()
    assert AuditEntry.objects.filter(organisation=bergen).count() == 1


def test_publishing_asks_first_and_then_publishes_the_next_version(client, bergen, bergen_editor):
    _assess(bergen, bergen_editor, "11.6")
    client.force_login(bergen_editor)
    html = _english(client).get(PAGE + "publiser/").content.decode()
    assert "Publish as version 1" in html and not AssessmentVersion.objects.exists()
    response = client.post(PAGE + "publiser/")
    assert response.status_code == 302 and AssessmentVersion.objects.get(organisation=bergen).number == 1
    client.post(PAGE + "publiser/")  # nothing changed: no new version
    assert AssessmentVersion.objects.filter(organisation=bergen).count() == 1


def test_publishing_an_empty_draft_says_why(client, bergen, bergen_editor):
    client.force_login(bergen_editor)
    response = _english(client).post(PAGE + "publiser/", follow=True)
    assert "The assessment has no assessed targets to publish." in response.content.decode()
    assert not AssessmentVersion.objects.exists()


def test_the_matrix_places_the_targets_and_suggests_the_priorities(client, bergen, bergen_editor):
    _assess(bergen, bergen_editor, "11.6", situation="major_challenge", influence="direct")
    _assess(bergen, bergen_editor, "3.b", situation="going_well", influence="little")
    _assess(bergen, bergen_editor, "1.2", situation="challenge", influence="indirect", material=False)
    publish(bergen, bergen_editor)
    html = _english(client).get(PAGE + "matrise/").content.decode()
    cell = html.split('<tr data-situation="major_challenge">', 1)[1].split("</tr>", 1)[0]
    assert ">11.6<" in cell.split('data-influence="direct"', 1)[1].split("</td>", 1)[0]
    suggested = html.split('id="suggested-heading"', 1)[1].split("</section>", 1)[0]
    assert 'data-target="11.6"' in suggested and 'data-target="3.b"' not in suggested
    assert 'data-target="1.2"' not in suggested  # not material
    assert "Confirm the priority targets" not in html  # the public gets no form


def test_confirming_priorities_updates_the_kommunes_priorities(client, bergen, bergen_editor):
    save_priorities(bergen, bergen_editor, statement="Før", goals=[Goal.objects.get(number=1)], targets=[],
                    published=True)
    _assess(bergen, bergen_editor, "11.6", situation="major_challenge")
    _assess(bergen, bergen_editor, "3.b")
    client.force_login(bergen_editor)
    form = _english(client).get(PAGE + "matrise/").content.decode().split('class="stacked-form materiality-confirm"')[1]
    assert 'value="11.6"' in form and 'value="3.b"' in form
    response = client.post(PAGE + "matrise/prioriteringer/", {"targets": ["11.6", "3.b"],
                                                              "reason": "Vedtatt etter analysen"})
    assert response.status_code == 302 and response["Location"] == "/kommune/4601/#priorities-heading"
    priorities = Priorities.objects.get(organisation=bergen)
    assert set(priorities.targets.values_list("code", flat=True)) == {"11.6", "3.b"}
    assert set(priorities.goals.values_list("number", flat=True)) == {1, 3, 11}
    assert (priorities.statement, priorities.published) == ("Vedtatt etter analysen", True)


def test_confirming_needs_a_reason_and_keeps_a_draft_a_draft_unless_published(client, bergen, bergen_editor):
    _assess(bergen, bergen_editor, "11.6")
    client.force_login(bergen_editor)
    response = _english(client).post(PAGE + "matrise/prioriteringer/", {"targets": ["11.6"], "reason": " "})
    assert response.status_code == 400 and "This field is required." in response.content.decode()
    assert not Priorities.objects.exists()
    client.post(PAGE + "matrise/prioriteringer/", {"targets": ["11.6"], "reason": "Luft"})
    assert Priorities.objects.get(organisation=bergen).published is False
    client.post(PAGE + "matrise/prioriteringer/", {"targets": ["11.6"], "reason": "Luft", "publish": "on"})
    assert Priorities.objects.get(organisation=bergen).published is True
    assert client.post(PAGE + "matrise/prioriteringer/", {"targets": ["1.1"], "reason": "Ikke vurdert"}
                       ).status_code == 400  # only assessed targets can be confirmed


def test_a_fylkeskommune_assesses_on_the_fylke_pages(client, vestland, vestland_editor, bergen_editor):
    client.force_login(vestland_editor)
    response = client.post("/fylke/46/vesentlighet/mal/4/", {
        "target": "4.3", "action": "save", "t4_3-situation": "challenge", "t4_3-influence": "direct"})
    assert response.status_code == 302 and response["Location"].startswith("/fylke/46/vesentlighet/mal/4/")
    client.post("/fylke/46/vesentlighet/publiser/")
    assert AssessmentVersion.objects.get(organisation=vestland).entries.get().target_id == "4.3"
    client.logout()
    assert 'data-target="4.3"' in client.get("/fylke/46/vesentlighet/").content.decode()
    assert client.get("/fylke/46/vesentlighet/matrise/").status_code == 200
    assert client.get("/fylke/03/vesentlighet/").status_code == 404  # Oslo has no fylkeskommune
    client.force_login(bergen_editor)
    assert client.get("/fylke/46/vesentlighet/mal/4/").status_code == 403


def test_the_url_names_follow_the_plan_pages():
    assert reverse("materiality:assessment", args=["4601"]) == PAGE
    assert reverse("materiality:fylke-matrix", args=["46"]) == "/fylke/46/vesentlighet/matrise/"


def test_the_kommune_and_fylke_pages_link_to_the_assessment(client):
    assert f'href="{PAGE}"' in client.get("/kommune/4601/").content.decode()
    assert 'href="/fylke/46/vesentlighet/"' in client.get("/fylke/46/").content.decode()


def test_the_council_decision_shows_beside_the_assessment_and_marks_a_later_change(client, bergen, bergen_editor):
    import datetime

    from lokalagenda.decisions.services import record_decision

    _assess(bergen, bergen_editor, "11.6")
    publish(bergen, bergen_editor)
    record_decision(bergen, bergen_editor, subject="assessment", body="kommunestyret",
                    decided_on=datetime.date(2024, 6, 20), case_number="45/24", text="Analysen vedtas.")
    for path in (PAGE, PAGE + "matrise/"):
        html = client.get(path).content.decode()
        assert "decision-badge" in html and "45/24" in html and 'data-color="warning"' not in html.split(
            "decision-badge", 1)[1].split("</p>", 1)[0]
    _assess(bergen, bergen_editor, "11.6", situation="major_challenge")
    publish(bergen, bergen_editor)
    badge = client.get(PAGE).content.decode().split("decision-badge", 1)[1].split("</p>", 1)[0]
    assert 'data-color="warning"' in badge  # changed since the decision


def test_a_published_assessment_links_its_saksframlegg_and_the_decisions(client, bergen, bergen_editor):
    assert "saksframlegg" not in _english(client).get(PAGE).content.decode()  # nothing published yet
    _assess(bergen, bergen_editor, "11.6")
    publish(bergen, bergen_editor)
    html = _english(client).get(PAGE).content.decode()
    for output in ("docx", "pdf"):
        link = reverse("vlr:saksframlegg", args=["kommune", "4601", output]) + "?versjon=1"
        assert f'href="{link}"' in html and client.get(link).status_code == 200
    assert reverse("decisions:list", args=["4601"]) in html
    record = reverse("decisions:new", args=["4601"]) + "?subject=assessment"
    assert record not in html  # recording a decision is for the kommune's editors
    client.force_login(bergen_editor)
    assert record in client.get(PAGE).content.decode()
