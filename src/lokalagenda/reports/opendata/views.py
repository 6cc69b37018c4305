"""The open data page ``/apne-data/`` and its downloads: streamed files with an ETag and Last-Modified from the
data version and the code version, so a client that already has the file gets ``304 Not Modified``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import condition, require_safe

from lokalagenda.measurement.querysets import latest_run
from lokalagenda.reports.opendata.datasets import (
    DATASETS,
    RESULTS_LICENCE,
    OpenDataset,
    observation_licences,
    published_indicator_ids,
    published_revisions,
    run_metadata,
)
from lokalagenda.reports.opendata.package import datapackage, description


def _dataset(filename: str) -> OpenDataset:
    if filename not in DATASETS:
        raise Http404("No such open data file")
    return DATASETS[filename]


def _etag(request: HttpRequest, filename: str) -> str | None:
    return DATASETS[filename].etag() if filename in DATASETS else None


def _modified(request: HttpRequest, filename: str) -> datetime | None:
    return DATASETS[filename].modified() if filename in DATASETS else None


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """What the datasets hold, their licences and provenance, and the links to download them."""
    run = latest_run()
    return render(request, "reports/opendata.html", {
        "datasets": [(dataset, description(dataset)) for dataset in DATASETS.values()],
        "indicator_count": len(published_indicator_ids()), "revision_count": published_revisions().count(),
        "run": run, "run_metadata": run_metadata(run), "results_licence": RESULTS_LICENCE,
        "observation_licences": observation_licences(),
    })


@require_safe
@condition(etag_func=_etag, last_modified_func=_modified)
def download(request: HttpRequest, filename: str) -> StreamingHttpResponse:
    """One open data file, streamed as it is written."""
    dataset = _dataset(filename)
    response = StreamingHttpResponse(dataset.write(), content_type=dataset.media_type)
    response["Content-Disposition"] = content_disposition_header(True, dataset.filename)
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def package(request: HttpRequest) -> JsonResponse:
    """The Frictionless ``datapackage.json`` describing every file (paths are the download addresses)."""
    base = request.build_absolute_uri(reverse("opendata:index"))
    descriptor: dict[str, Any] = datapackage(base=base)
    response = JsonResponse(descriptor, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Access-Control-Allow-Origin"] = "*"
    return response
