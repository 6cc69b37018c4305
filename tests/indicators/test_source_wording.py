"""What public pages say about an indicator's source: publisher, table and licence in plain words, the recorded
provenance (repositories, commits) only inside a details disclosure; and the catalogue's classification codes as
labels."""

import re

import pytest
from django.utils import translation

from lokalagenda.indicators import classification
from lokalagenda.indicators.attribution import licences_in

pytestmark = pytest.mark.django_db

COMMIT = re.compile(r"\b[0-9a-f]{12}\b")


def _outside_details(html: str) -> str:
    return re.sub(r"<details.*?</details>", "", html, flags=re.DOTALL)


def _visible_text(html: str) -> str:
    """The words a reader sees without opening a disclosure: no details, scripts or tags."""
    shown = re.sub(r"<script.*?</script>", "", _outside_details(html), flags=re.DOTALL)
    return re.sub(r"<[^>]+>", " ", shown)


@pytest.mark.parametrize("path", ["/indikatorer/VAX_MEASLES_AGE2/", "/kommune/0301/indikator/VAX_MEASLES_AGE2/",
                                  "/indikatorer/ROAD_KM_MUNICIPAL/", "/indikatorer/POP_TOTAL/"])
def test_public_indicator_page_keeps_commits_and_repositories_inside_details(measured_module, client, path):
    client.cookies["lokalagenda_language"] = "en"
    response = client.get(path)
    html = response.content.decode()
    visible = _visible_text(html)
    assert response.status_code == 200
    assert not COMMIT.search(visible), COMMIT.search(visible)
    for technical in ("fhidata", "csdata", "niphr/", "folkehelseinstituttet/", "LtGlahn/", "repo", "confirm on",
                      "confirm CC", "verify on"):
        assert technical not in visible
    assert "data-provenance" in html


def test_provenance_stays_in_the_details_as_recorded(measured_module, client):
    html = client.get("/indikatorer/VAX_MEASLES_AGE2/").content.decode()
    details = "".join(re.findall(r"<details[^>]*data-provenance.*?</details>", html, flags=re.DOTALL))
    assert "ea9706814f88" in details and "folkehelseinstituttet/fhidata" in details


def test_unconfirmed_licence_is_said_in_words(client):
    client.cookies["lokalagenda_language"] = "en"
    visible = _outside_details(client.get("/indikatorer/VAX_MEASLES_AGE2/").content.decode())
    licence = re.search(r"<dd data-licence>(.*?)</dd>", visible, flags=re.DOTALL).group(1).strip()
    assert licence == "Licence not confirmed"


def test_ssb_figures_show_the_licence_ssb_gives(client):
    visible = _outside_details(client.get("/indikatorer/POP_TOTAL/").content.decode())
    licence = re.search(r"<dd data-licence>(.*?)</dd>", visible, flags=re.DOTALL).group(1).strip()
    assert licence == '<a class="ds-link" href="https://creativecommons.org/licenses/by/4.0/deed.no">CC BY 4.0</a>'
    assert 'href="https://www.ssb.no/statbank/table/07459"' in visible


@pytest.mark.parametrize("recorded, publisher, names, confirmed", [
    ("CC BY 4.0 (Statistisk sentralbyrå)", "Statistisk sentralbyrå (SSB)", ["CC BY 4.0"], True),
    ("NLOD 2.0 / CC BY 4.0 (SSB); csdata package MIT", "SSB", ["CC BY 4.0"], True),
    ("NLOD 2.0 (NVDB data); repo has no licence file", "Statens vegvesen", ["NLOD 2.0"], True),
    ("CC BY 4.0 (Folkehelseinstituttet); confirm on fhi.no", "Folkehelseinstituttet (FHI)", ["CC BY 4.0"], False),
    ("CC BY 4.0 / NLOD 2.0 (unverified: FHI Statistikk open API docs state no licence; third-party manifests "
     "assume NLOD — verify on fhi.no)", "Folkehelseinstituttet (FHI)", ["CC BY 4.0", "NLOD 2.0"], False),
    ("FHI statistics: free reuse with attribution (FHI open data; confirm CC BY 4.0/NLOD on fhi.no); fhidata "
     "package GPL-3", "FHI", [], False),
])
def test_licence_is_read_from_the_figures_part_of_the_recorded_text(recorded, publisher, names, confirmed):
    licences, is_confirmed = licences_in(recorded, publisher)
    assert [licence.name for licence in licences] == names and is_confirmed is confirmed


def test_catalogue_filters_and_table_show_labels_not_codes(client):
    client.cookies["lokalagenda_language"] = "en"
    html = client.get("/indikatorer/", {"quality": "Class_1"}).content.decode()
    assert '<option value="Class_1" selected>Class 1: well suited (like the UN&#x27;s tier I)</option>' in html
    assert '<option value="City-level">Kommune or city level</option>' in html
    assert '<option value="county-level">Fylke (regional) level</option>' in html
    assert not re.search(r">\s*(Class_\d|Class \d|City-level|National-level)\s*<", html)


def test_classification_labels_cover_every_code_of_the_catalogue():
    from lokalagenda.indicators.models import Indicator

    for field in ("quality_class", "level_of_geography", "evaluation_level", "triple_bottom_line",
                  "development_sector"):
        values = Indicator.objects.exclude(**{field: ""}).values_list(field, flat=True).distinct()
        codes = {code for value in values for code in value.split(";")}
        assert codes <= set(classification.LABELS[field]), (field, codes - set(classification.LABELS[field]))
    with translation.override("en"):
        label = classification.label("evaluation_level", "2-Process;5-Impact")
    assert label == "Activities, Impact (effect on society)"
