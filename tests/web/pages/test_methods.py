"""The methods page (/metode/): it answers in nb, nn and en with its anchored sections, names the methods by their
display names (ids only in the details), and the result pages link their scores, colours, trends and percentiles
to the right section."""

import re

import pytest

from lokalagenda.core.measure import registry
from lokalagenda.measurement.method_sections import SECTIONS

pytestmark = pytest.mark.django_db

ANCHORS = ["score", "status", "trend", "fremgang", "percentil", "avstand-2030", "indeks", "nokkelresultat",
           "fylker-og-landet", "begrensninger"]


def _outside_details(html: str) -> str:
    return re.sub(r"<details.*?</details>", "", html, flags=re.DOTALL)


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_methods_page_answers_in_every_language_with_its_anchors(client, language):
    client.cookies["lokalagenda_language"] = language
    response = client.get("/metode/")
    html = response.content.decode()
    assert response.status_code == 200 and f'<html lang="{language}"' in html
    assert [section.anchor for section in SECTIONS] == ANCHORS
    for anchor in ANCHORS:
        assert f'id="{anchor}"' in html and f'href="#{anchor}"' in html


@pytest.mark.parametrize("language, heading", [("nb", "Slik regner vi"), ("nn", "Slik reknar vi"),
                                               ("en", "How we calculate")])
def test_methods_page_heading_is_in_the_chosen_language(client, language, heading):
    """Needs the merged translations for nb and nn."""
    client.cookies["lokalagenda_language"] = language
    assert f'<h1 class="ds-heading" data-size="xl">{heading}</h1>' in client.get("/metode/").content.decode()


def test_methods_page_names_methods_by_name_and_keeps_ids_in_the_details(client):
    client.cookies["lokalagenda_language"] = "en"
    html = client.get("/metode/").content.decode()
    visible = _outside_details(html)
    assert "Indicator score from 0 to 100 (SDSN method)" in html and "<code>sdsn_normalised_scores</code>" in html
    for method in registry.methods():
        assert method.name not in visible
    assert "src/lokalagenda/core/measure/normalise.py" in visible


def test_every_method_and_run_step_has_a_display_name():
    described = [*registry.methods(), *registry.steps()]
    assert all(item.title and item.title != item.name for item in described)
    assert registry.title("peer_percentiles") == "Percentile among similar kommuner"
    assert registry.title("no_such_method") == "no_such_method"


def test_kommune_page_links_its_results_to_the_method_sections(measured_module, client):
    client.cookies["lokalagenda_language"] = "en"
    html = client.get("/kommune/0301/").content.decode()
    for anchor, words in [("score", "the score"), ("status", "the status colour"), ("trend", "the trend"),
                          ("fremgang", "progress since 2015"), ("percentil", "the percentile"),
                          ("indeks", "the SDG index")]:
        assert f'<a class="ds-link" href="/metode/#{anchor}">{words}</a>' in html


@pytest.mark.parametrize("path, anchors", [
    ("/kommune/0301/mal/3/", ["score", "status", "trend", "avstand-2030", "percentil"]),
    ("/kommune/0301/indikator/VAX_MEASLES_AGE2/", ["status", "trend", "fremgang", "score", "percentil"]),
    ("/nasjonalt/", ["status", "score"]),
    ("/nasjonalt/rapport/", ["status", "score"]),
    ("/kommune/0301/innbyggere/", ["score", "status", "trend"]),
])
def test_result_pages_link_to_the_method_sections(measured_module, client, path, anchors):
    html = client.get(path).content.decode()
    assert all(f'href="/metode/#{anchor}"' in html for anchor in anchors)


def test_rollup_names_its_methods_and_keeps_ids_and_versions_in_the_details(measured_module, client):
    client.cookies["lokalagenda_language"] = "en"
    html = client.get("/nasjonalt/rapport/").content.decode()
    visible = _outside_details(html)
    assert "SDG index (SDSN method)" in visible and "sdsn_index" not in visible
    assert "<code>sdsn_index</code>" in html
