"""``/api/fylker`` and ``/api/kommuner``: Norway's fylker and kommuner, and a kommune's population (public reference
data; the networks they belong to are in ``api.networks``).

The operationIds are those the operations had when they were defined in ``api.api`` (django-ninja names an operation
after its module), so clients generated from the OpenAPI document keep working.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router

from lokalagenda.api.schemas import ErrorOut, FylkeOut, KommuneOut, PopulationOut
from lokalagenda.places.models import Fylke, Kommune

router = Router(tags=["places"])


def _kommune(kommune: Kommune) -> dict:
    return {"number": kommune.number, "name": kommune.name, "sami_name": kommune.sami_name,
            "kven_name": kommune.kven_name, "fylke": kommune.fylke_id, "landsdel": kommune.landsdel,
            "admin_centre": kommune.admin_centre, "area_km2": kommune.area_km2,
            "language_form": kommune.language_form}


@router.get("/fylker", response=list[FylkeOut], operation_id="lokalagenda_api_api_list_fylker")
def list_fylker(request: HttpRequest) -> list[Fylke]:
    return list(Fylke.objects.all())


@router.get("/fylker/{number}", response={200: FylkeOut, 404: ErrorOut}, operation_id="lokalagenda_api_api_get_fylke")
def get_fylke(request: HttpRequest, number: str) -> Fylke:
    return get_object_or_404(Fylke, number=number)


@router.get("/kommuner", response=list[KommuneOut], operation_id="lokalagenda_api_api_list_kommuner")
def list_kommuner(request: HttpRequest, fylke: str | None = None, q: str | None = None) -> list[dict]:
    kommuner = Kommune.objects.search(q) if q else Kommune.objects.all()
    if fylke is not None:
        kommuner = kommuner.filter(fylke_id=fylke)
    return [_kommune(kommune) for kommune in kommuner.defer("boundary")]


@router.get("/kommuner/{number}", response={200: KommuneOut, 404: ErrorOut},
            operation_id="lokalagenda_api_api_get_kommune")
def get_kommune(request: HttpRequest, number: str) -> dict:
    return _kommune(get_object_or_404(Kommune, number=number))


@router.get("/kommuner/{number}/population", response={200: list[PopulationOut], 404: ErrorOut},
            operation_id="lokalagenda_api_api_kommune_population")
def kommune_population(request: HttpRequest, number: str) -> list:
    kommune = get_object_or_404(Kommune, number=number)
    return list(kommune.population.values("year", "total"))
