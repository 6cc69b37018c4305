"""The data downloads of the population charts of the kommune and fylke pages (see
:mod:`lokalagenda.indicators.exports`): residents on 1 January by year, as the page draws them, with the source
each stored row names (SSB table 07459, :data:`~lokalagenda.places.services.POPULATION_SOURCE`) and Statistics
Norway's licence (:data:`~lokalagenda.indicators.attribution.PUBLISHER_LICENCE`)."""

from __future__ import annotations

from django.db.models import Model
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _

from lokalagenda.core.exports import ChartTable
from lokalagenda.indicators.attribution import PUBLISHER_LICENCE
from lokalagenda.indicators.exports import ChartDataRefused, ChartDownloads, chart_downloads, file_stem, register_chart
from lokalagenda.places.models import Fylke, Kommune
from lokalagenda.places.services import POPULATION_SOURCE

#: Statistics Norway publishes its figures under one licence (``indicators.attribution``).
POPULATION_LICENCE = PUBLISHER_LICENCE["SSB"]


def population_downloads(place: Kommune | Fylke) -> ChartDownloads:
    """The data links and image file name of a kommune's or fylke's population chart:
    ``bergen-4601-folketall``."""
    kind = "kommune" if isinstance(place, Kommune) else "fylke"
    return chart_downloads(f"{kind}-population", {kind: place.number}, file_stem(place.name, place.number,
                                                                                    "folketall"))


def _table(place: Kommune | Fylke, page: str) -> ChartTable:
    """The place's stored population by year, with the sources its rows name."""
    rows = list(place.population.order_by("year").values_list("year", "total", "source"))
    sources = sorted({source for _year, _total, source in rows if source}) or [POPULATION_SOURCE]
    return ChartTable(
        columns=("year", "population"), rows=[(year, total) for year, total, _source in rows],
        source="; ".join(sources), licence=POPULATION_LICENCE, stem=population_downloads(place).stem,
        labels={"year": _("Year"), "population": _("Population"), "source": _("Source"), "licence": _("Licence")},
        about={"title": f"{_('Population 1 January')} – {place.name}", "page": page})


def _place(model: type[Model], number: str, message: str) -> Kommune | Fylke:
    found = model._default_manager.defer("boundary").filter(number=number).first()
    if found is None:
        raise ChartDataRefused(message % {"numbers": number or "–"}, not_found=True)
    return found


@register_chart("kommune-population")
def kommune_population_data(params: QueryDict) -> ChartTable:
    """The kommune page's population chart (``?kommune=``)."""
    kommune = _place(Kommune, params.get("kommune", ""), _("No kommune has the number %(numbers)s."))
    return _table(kommune, reverse("web:kommune", args=[kommune.number]))


@register_chart("fylke-population")
def fylke_population_data(params: QueryDict) -> ChartTable:
    """The fylke page's population chart (``?fylke=``)."""
    fylke = _place(Fylke, params.get("fylke", ""), _("No fylke has the number %(numbers)s."))
    return _table(fylke, reverse("places:fylke", args=[fylke.number]))
