"""The simplified boundary files of the maps (see :mod:`lokalagenda.places.boundaries`)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.decorators.http import require_safe

from lokalagenda.places.boundaries import UnknownExtent, boundary_url, boundary_version, collection_bytes

#: A file at a version never changes: browsers and proxies may keep it for a year.
FOREVER = "public, max-age=31536000, immutable"


@require_safe
def boundaries(request: HttpRequest, version: str, extent: str) -> HttpResponse:
    """The extent's file; an old version is sent on to the current one (briefly cacheable, as it will move)."""
    try:
        if version != boundary_version():
            response: HttpResponse = HttpResponseRedirect(boundary_url(extent))
            response["Cache-Control"] = "public, max-age=300"
            collection_bytes(extent, boundary_version())  # an unknown extent is a 404, not a redirect
            return response
        response = HttpResponse(collection_bytes(extent, version), content_type="application/json")
    except UnknownExtent as error:
        raise Http404(str(error)) from error
    response["Cache-Control"] = FOREVER
    return response
