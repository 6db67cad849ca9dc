"""One media type per response, so that a generated client knows what each call returns.

A resource offered as JSON and as a file has one path per media type: the JSON at its path
(``/relationships/prk/rus/series``), each file at that path with the file's extension
(``…/series.csv``, ``…/series.svg``, ``/network.graphml``). The JSON paths still take the
``format`` parameter they had, declared deprecated: ``format=json`` is the JSON, any other
value a 308 redirect to the file's path with the same query, less ``format``.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response


class CsvResponse(Response):
    media_type = "text/csv"


class SvgResponse(Response):
    media_type = "image/svg+xml"


class GraphmlResponse(Response):
    media_type = "application/graphml+xml"


def file_responses(response_class: type[Response], description: str) -> dict[int | str, dict[str, Any]]:
    """The 200 of a file route: text of that one media type."""
    return {200: {"description": description,
                  "content": {response_class.media_type: {"schema": {"type": "string"}}}}}


#: The 308 a JSON route answers to its deprecated ``format`` parameter.
MOVED: dict[int | str, dict[str, Any]] = {308: {
    "description": "`format` other than json: the file's own path (`.csv`, `.svg`, `.graphml` "
                   "added to this one), with the same query less `format`",
    "headers": {"Location": {"description": "The file's path and query",
                             "schema": {"type": "string"}}},
}}


def moved_to_file(request: Request, extension: str) -> RedirectResponse:
    """The redirect from ``path?format=csv&…`` to ``path.csv?…``: a bare path, which the client
    resolves against the address it used (``api.redirects`` puts it on ``GEOKG_PUBLIC_URL``)."""
    query = request.url.remove_query_params("format").query
    return RedirectResponse(f"{request.url.path}.{extension}" + (f"?{query}" if query else ""),
                            status_code=308)
