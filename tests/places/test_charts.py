"""Chart specs of places: a population axis fit to the values says that it is cut."""

from django.utils.translation import override

from lokalagenda.places.charts import axis_title, population_chart


def test_population_axis_fit_to_the_values_is_marked_as_cut():
    with override("en"):
        spec = population_chart([(2024, 640_000), (2026, 658_342)], title="t", description="d",
                                year_label="Year", population_label="Population")
    assert spec["encoding"]["y"]["scale"] == {"zero": False}
    assert spec["encoding"]["y"]["title"] == "Population (axis cut: does not start at 0)"


def test_an_axis_from_zero_or_across_it_is_not_marked():
    assert axis_title("percent", [92.0, 96.5], zero=True) == "percent"
    assert axis_title("change", [-2.0, 3.0], zero=False) == "change"
    assert axis_title("change", [], zero=False) == "change"
