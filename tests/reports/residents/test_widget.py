"""The embeddable widget: any site may frame it, it speaks the language the embedding site asks for, and it links
back to the full page in a new window without site navigation around it."""

import pytest

from tests.colour_words import RELATIVE_WORDS

pytestmark = pytest.mark.django_db

POLICY = {"DIRECTIVES": {"default-src": ["'self'"], "frame-ancestors": ["'self'"]}}


@pytest.fixture
def with_csp(settings):
    """A site policy that lets only the site itself frame its pages (what the site's settings set)."""
    if "csp.middleware.CSPMiddleware" not in settings.MIDDLEWARE:
        settings.MIDDLEWARE = [settings.MIDDLEWARE[0], "csp.middleware.CSPMiddleware", *settings.MIDDLEWARE[1:]]
    settings.CONTENT_SECURITY_POLICY = POLICY
    return settings


def _directives(header: str) -> dict[str, str]:
    return {part.strip().split(" ", 1)[0]: part.strip().split(" ", 1)[1] for part in header.split(";") if part.strip()}


def test_any_site_may_frame_the_widget_but_not_the_other_pages(with_csp, client):
    widget = client.get("/innbygging/kommune/4601/")
    assert widget.status_code == 200
    assert "X-Frame-Options" not in widget
    assert _directives(widget["Content-Security-Policy"])["frame-ancestors"] == "*"
    page = client.get("/kommune/4601/innbyggere/")
    assert page["X-Frame-Options"] == "DENY"
    assert _directives(page["Content-Security-Policy"])["frame-ancestors"] == "'self'"


def test_a_cached_widget_can_still_be_framed(with_csp, client):
    client.get("/innbygging/fylke/46/")
    cached = client.get("/innbygging/fylke/46/")
    assert "X-Frame-Options" not in cached
    assert _directives(cached["Content-Security-Policy"])["frame-ancestors"] == "*"


@pytest.mark.parametrize("lang, html_lang, text", [
    ("en", "en", "Bergen and the UN Sustainable Development Goals"),
    ("nn", "nn", "Bergen"),
    ("xx", "nb", "Bergen"),
    ("", "nb", "Bergen"),
])
def test_widget_speaks_the_language_in_its_address(client, lang, html_lang, text):
    response = client.get(f"/innbygging/kommune/4601/?lang={lang}")
    html = response.content.decode()
    assert f'<html lang="{html_lang}"' in html
    assert response["Content-Language"] == html_lang
    assert text in html


def test_the_same_widget_in_two_languages_is_cached_apart(client):
    english = client.get("/innbygging/kommune/4601/?lang=en").content.decode()
    bokmal = client.get("/innbygging/kommune/4601/?lang=nb").content.decode()
    assert '<html lang="en"' in english and '<html lang="nb"' in bokmal


def test_widget_has_no_site_navigation_and_opens_the_full_page_in_a_new_window(client):
    html = client.get("/innbygging/kommune/4601/?lang=en").content.decode()
    assert 'class="site-nav"' not in html and "site-header" not in html
    assert ('<a class="ds-link" href="http://testserver/kommune/4601/innbyggere/" target="_blank" rel="noopener">'
            in html)
    assert "<script" not in html and 'style="' not in html


def test_unknown_kommune_widget_is_404(client):
    assert client.get("/innbygging/kommune/9999/").status_code == 404


def test_widget_shows_the_stored_goal_statuses_in_words(measured, client):
    from lokalagenda.measurement.models import GoalResult

    html = client.get("/innbygging/kommune/4601/?lang=en").content.decode()
    scored = GoalResult.objects.filter(run=measured, place="4601", score__isnull=False)
    assert scored.exists()
    for result in scored:
        assert f'data-goal="{result.goal_id}"' in html
    assert any(words in html for words in RELATIVE_WORDS)
    assert 'aria-hidden="true"' in html  # the status symbol beside the words


def test_the_widget_makes_no_goal_tiles_it_does_not_show(measured, client, monkeypatch):
    """The residents' summary makes its tiles when a page shows them; the widget does not show them."""
    from lokalagenda.reports.residents import summary

    def refuse(*args, **kwargs):
        raise AssertionError("the widget made the goal tiles")

    monkeypatch.setattr(summary, "tiles_of", refuse)
    assert client.get("/innbygging/kommune/4601/?lang=en").status_code == 200
    with pytest.raises(AssertionError, match="made the goal tiles"):
        client.get("/kommune/4601/innbyggere/")  # the residents' page shows them
