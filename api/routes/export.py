"""``GET /export/rdf``: the graph, or a window or an actor of it, as RDF.

The format comes from ``format`` or else from the ``Accept`` header; N-Triples is streamed a
batch at a time (a cut connection is how a failure half-way shows), the other formats are
built whole before the first byte is sent.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, HTTPException, Query, status
from fastapi.responses import Response, StreamingResponse

from api.deps import ExportReaderDep, RepositoryDep, SettingsDep, WindowDep
from graph.rdf.export import MEDIA_TYPES, RdfExport, RdfFormat

router = APIRouter(prefix="/export", tags=["export"])
BY_MEDIA_TYPE = {media_type: fmt for fmt, media_type in MEDIA_TYPES.items()}


def negotiate(accept: str | None) -> RdfFormat:
    """The format the ``Accept`` header prefers (Turtle for ``*/*`` or no header); 406 if none."""
    if not accept:
        return RdfFormat.TURTLE
    ranked: list[tuple[float, int, RdfFormat]] = []
    for position, part in enumerate(accept.split(",")):
        media_range, *params = (item.strip() for item in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media_range in ("*/*", "text/*", "application/*"):
            fmt: RdfFormat | None = RdfFormat.TURTLE if media_range != "application/*" else RdfFormat.NTRIPLES
        else:
            fmt = BY_MEDIA_TYPE.get(media_range.lower())
        if fmt is not None and quality > 0:
            ranked.append((-quality, position, fmt))
    if not ranked:
        offered = ", ".join(MEDIA_TYPES.values())
        raise HTTPException(status.HTTP_406_NOT_ACCEPTABLE, f"Accept: offered are {offered}")
    return min(ranked)[2]


@router.get("/rdf", response_class=Response,
            responses={200: {"content": {media_type: {} for media_type in MEDIA_TYPES.values()},
                             "description": "The export in the chosen format."},
                       404: {"description": "No such actor"},
                       406: {"description": "No format the Accept header allows"}})
def export_rdf(
    reader: ExportReaderDep,
    repository: RepositoryDep,
    settings: SettingsDep,
    window: WindowDep,
    format: Annotated[RdfFormat | None, Query(
        description="turtle, ntriples, jsonld or rdfxml; overrides the Accept header.")] = None,
    actor: Annotated[str | None, Query(description="Only events this actor took part in.",
                                       examples=["prk"])] = None,
    accept: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> Response:
    """The events matching the filters (every event without any) as RDF on SEM, PROV-O and SKOS,
    with the actors, places, sources and standing relationships they need. N-Triples is
    streamed; Turtle, JSON-LD and RDF/XML are built in memory, so narrow large exports."""
    fmt = format or negotiate(accept)
    if actor:
        repository.require_actors(actor)
    export = RdfExport(reader, settings.base_iri, window, actor)
    headers = {"Content-Disposition": f'inline; filename="geokg.{fmt.extension}"'}
    if fmt is RdfFormat.NTRIPLES:
        return StreamingResponse(export.ntriples(), media_type=fmt.media_type, headers=headers)
    return Response(b"".join(export.serialize(fmt)), media_type=fmt.media_type, headers=headers)
