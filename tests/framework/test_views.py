import pytest
from django.urls import reverse

from lokalagenda.accounts.models import AuditEntry
from lokalagenda.framework.models import Target

pytestmark = pytest.mark.django_db


def test_goal_list_shows_the_17_goals_with_their_colours(client):
    html = client.get("/mal/").content.decode()
    assert html.count('class="goal-card"') == 17 and 'data-goal="17"' in html
    assert "Ren energi til alle" in html


def test_goal_page_lists_its_targets(client):
    html = client.get("/mal/6/").content.decode()
    assert html.count('href="/delmal/6.') == 8


def test_target_page_marks_the_machine_translation_and_shows_the_english_original(client):
    Target.objects.filter(code="1.3").update(title_nb_unofficial="")  # as before the unofficial translation
    html = client.get("/delmal/1.3/").content.decode()
    target = Target.objects.get(code="1.3")
    assert target.title_nb_source in html and target.title_en in html and 'class="ds-tag machine-tag"' in html


@pytest.mark.parametrize("code, repeated", [("1.a", "1.5"), ("10.3", "10.2")])
def test_known_wrong_machine_translation_is_not_shown(client, code, repeated):
    Target.objects.filter(code=code).update(title_nb_unofficial="")  # as before the unofficial translation
    target, other = Target.objects.get(code=code), Target.objects.get(code=repeated)
    assert target.title_nb_source == other.title_nb_source
    html = client.get(f"/delmal/{code}/").content.decode()
    assert target.title_nb_source not in html
    assert f'<p class="ds-paragraph lead" lang="en">{target.title_en}</p>' in html


def test_target_page_lists_its_indicators(client):
    html = client.get("/delmal/11.6/").content.decode()
    assert 'href="/indikator/11.6.1/"' in html and 'href="/indikator/11.6.2/"' in html


def test_indicator_page(client):
    html = client.get("/indikator/11.6.1/").content.decode()
    assert "C110601" in html or "11.6.1" in html


def test_national_editor_corrects_a_target_and_history_is_kept(client, national_editor):
    client.force_login(national_editor)
    url = reverse("framework:target-correct", args=["1.a"])
    assert client.get(url).status_code == 200
    response = client.post(url, {"title_nb_corrected": "Sikre betydelig mobilisering av ressurser",
                                 "title_nn": "Sikre monaleg mobilisering av ressursar"})
    assert response.status_code == 302
    target = Target.objects.get(code="1.a")
    assert target.title_in("nb").startswith("Sikre betydelig") and target.title_in("nn").startswith("Sikre monaleg")
    assert not target.shows_machine_translation("nb")
    entry = AuditEntry.objects.get(model="framework.Target", object_pk="1.a")
    assert entry.user == national_editor and entry.before["title_nb_corrected"] == ""
    assert "national-editor" in client.get("/delmal/1.a/").content.decode()


def test_kommune_editor_cannot_correct_framework_texts(client, oslo_editor):
    client.force_login(oslo_editor)
    response = client.post(reverse("framework:target-correct", args=["1.a"]), {"title_nb_corrected": "x"})
    assert response.status_code == 403
    assert Target.objects.get(code="1.a").title_nb_corrected == ""


def test_nynorsk_reader_sees_bokmal_marked_until_a_translation_exists(client):
    client.cookies["lokalagenda_language"] = "nn"
    html = client.get("/delmal/6.1/").content.decode()
    assert '<html lang="nn"' in html and 'lang="nb"' in html


def test_national_editor_corrects_an_indicator(client, national_editor):
    client.force_login(national_editor)
    response = client.post(reverse("framework:indicator-correct", args=["1.3.1"]),
                           {"title_nb_corrected": "Andel av befolkningen som er dekket av sosiale minstesikringer",
                            "title_nn": ""})
    assert response.status_code == 302 and response.url == "/indikator/1.3.1/"
    html = client.get("/indikator/1.3.1/").content.decode()
    assert "dekket av sosiale minstesikringer" in html and "etasjer" not in html
