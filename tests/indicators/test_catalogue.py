import pytest

from lokalagenda.indicators.models import Indicator, IndicatorSet

pytestmark = pytest.mark.django_db


def test_catalogue_holds_global_ks_and_national_sets():
    assert IndicatorSet.objects.get(slug="un-sdg-global").indicators.count() == 252
    assert IndicatorSet.objects.get(slug="lokalagenda-bundle").indicators.count() == 13
    assert IndicatorSet.objects.filter(kind="ks").count() >= 25
    assert IndicatorSet.objects.get(slug="u4ssc").indicators.exclude(notation="").count() > 80
    assert IndicatorSet.objects.filter(kind="jrc").count() == 2 and IndicatorSet.objects.filter(kind="oecd").exists()


def test_global_indicator_carries_ks_classification_and_its_target():
    indicator = Indicator.objects.get(id="un-1.1.1")
    assert indicator.global_indicator_id == "1.1.1" and indicator.quality_class == "Class_1"
    assert list(indicator.targets.values_list("code", flat=True)) == ["1.1"]


def test_bundle_indicator_has_unit_direction_source_and_targets():
    measles = Indicator.objects.get(id="VAX_MEASLES_AGE2")
    assert measles.unit == "percent" and measles.direction == "higher" and measles.publisher == "FHI"
    assert "3.b" in measles.targets.values_list("code", flat=True)
    assert Indicator.objects.get(id="POP_TOTAL").aggregation == "sum"
    assert Indicator.objects.get(id="POP_SHARE_0_17").aggregation == "none"


def test_catalogue_filters(client):
    assert Indicator.objects.filtered(target="3.b").filter(id="VAX_MEASLES_AGE2").exists()
    assert not Indicator.objects.filtered(goal=4).filter(id="VAX_MEASLES_AGE2").exists()
    assert Indicator.objects.filtered(indicator_set="u4ssc", quality="Class_2").exists()
    client.cookies["lokalagenda_language"] = "en"
    html = client.get("/indikatorer/", {"set": "lokalagenda-bundle"}).content.decode()
    assert "13 indicators" in html and "/indikatorer/POP_TOTAL/" in html


def test_catalogue_pages_through_all_indicators(client):
    client.cookies["lokalagenda_language"] = "en"
    html = client.get("/indikatorer/", {"side": 2}).content.decode()
    assert "Page 2 of" in html


def test_indicator_page_shows_metadata_and_sources(client):
    html = client.get("/indikatorer/VAX_MEASLES_AGE2/").content.decode()
    assert "FHI" in html and 'href="/delmal/3.b/"' in html and "Kommunehelsa" in html
    assert client.get("/indikatorer/NOPE/").status_code == 404
