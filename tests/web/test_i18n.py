"""Bokmål by default; the language switcher changes to nynorsk and English; every UI string is translated."""

import re
from pathlib import Path

import polib
import pytest

import lokalagenda.web
from lokalagenda.core.framework import GOAL_COLOURS

LOCALE = Path(lokalagenda.web.__file__).parent / "locale"
STATIC = Path(lokalagenda.web.__file__).parent / "static" / "lokalagenda"


@pytest.mark.django_db
def test_bokmal_is_the_default_whatever_the_browser_asks_for(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="nb"' in response.content.decode() and response["Content-Language"] == "nb"


@pytest.mark.django_db
@pytest.mark.parametrize("language, heading", [("nn", "Dei 17 berekraftsmåla"), ("en", "The 17 Sustainable")])
def test_language_switcher_changes_the_page_language(client, language, heading):
    response = client.post("/i18n/setlang/", {"language": language, "next": "/mal/"})
    assert response.status_code == 302 and response.url == "/mal/"
    html = client.get("/mal/").content.decode()
    assert f'<html lang="{language}"' in html
    assert heading in html


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_every_ui_string_is_translated(language):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert (untranslated, fuzzy) == ([], [])
    assert len(catalogue) > 50


def test_goal_colours_in_the_stylesheet_are_the_official_ones():
    css = (STATIC / "site.css").read_text(encoding="utf-8")
    found = {int(number): colour for number, colour in
             re.findall(r'\[data-goal="(\d+)"\] \{ --goal-colour: (#[0-9A-F]{6}); \}', css)}
    assert found == dict(GOAL_COLOURS)


@pytest.mark.django_db
def test_migrations_match_the_models():
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
