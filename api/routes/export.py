"""``GET /export/rdf``: the graph, or a window or an actor of it, as RDF.

The format comes from ``format`` or else from the ``Accept`` header; every format is streamed a
batch at a time.

An export reads its first batch from Neo4j before the response starts, so an outage then is a
plain 503. One that fails half-way cannot change its status any more: it ends with the comment
``geokg: export incomplete …`` (where the format has comments: not JSON-LD, which is then left
unclosed) and breaks off its chunked encoding without the final empty chunk, which HTTP clients
report as an incomplete body. A complete export ends with the comment
``geokg: export complete, N triples`` (``# …`` in Turtle and N-Triples, ``<!-- … -->`` in
RDF/XML).

A client that goes away stops the export: the stream is closed, its reads with it.
"""

from __future__ import annotations

import logging
from collections.abc import Generator, Iterator
from itertools import chain, islice
from typing import Annotated

from fastapi import APIRouter, Header, HTTPException, Query, Request, status
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from api.deps import ExportReaderDep, RepositoryDep, SettingsDep, WindowDep
from api.disconnect import ClosingStreamingResponse, pulled_in_threads
from graph.rdf.export import MEDIA_TYPES, RdfExport, RdfFormat

router = APIRouter(prefix="/export", tags=["export"])
log = logging.getLogger("geokg.api")


class ExportCutShort(RuntimeError):
    """Raised after the trailer of a cut export, so the server drops the connection."""


def with_trailer(export: RdfExport, fmt: RdfFormat,
                 chunks: Iterator[bytes]) -> Generator[bytes, None, None]:
    """The chunks, then a comment saying the export is complete, or, if reading fails half-way,
    one saying it is not, and an error that makes the server break off the response. Closed
    part-way (the client went away), it reads no further."""
    name = {RdfFormat.NTRIPLES: "N-Triples", RdfFormat.TURTLE: "Turtle",
            RdfFormat.JSONLD: "JSON-LD", RdfFormat.RDFXML: "RDF/XML"}[fmt]
    try:
        yield from chunks
    except GeneratorExit:
        log.info("%s export stopped after %d triples: the client went away", name, export.triples)
        raise
    except Exception as error:
        log.warning("%s export cut after %d triples: %s", name, export.triples, error)
        yield fmt.comment(f"geokg: export incomplete: cut after {export.triples} triples "
                          f"({type(error).__name__})")
        raise ExportCutShort("export cut short") from error
    yield fmt.comment(f"geokg: export complete, {export.triples} triples")
#: Each format's own media type, and the general ones a client may ask for instead: JSON is
#: JSON-LD, plain text N-Triples (a line per triple), XML RDF/XML; any text, or anything, Turtle.
BY_MEDIA_TYPE = {
    **{media_type: fmt for fmt, media_type in MEDIA_TYPES.items()},
    "application/json": RdfFormat.JSONLD, "text/plain": RdfFormat.NTRIPLES,
    "application/xml": RdfFormat.RDFXML, "text/xml": RdfFormat.RDFXML,
    "application/x-turtle": RdfFormat.TURTLE,
    "*/*": RdfFormat.TURTLE, "text/*": RdfFormat.TURTLE, "application/*": RdfFormat.NTRIPLES,
}


def negotiate(accept: str | None) -> RdfFormat:
    """The format the ``Accept`` header prefers (Turtle for ``*/*`` or no header); 406 if none."""
    if not accept:
        return RdfFormat.TURTLE
    ranked: list[tuple[float, bool, int, RdfFormat]] = []
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
        fmt = BY_MEDIA_TYPE.get(media_range.lower())
        if fmt is not None and quality > 0:  # at equal quality a named type before a range
            ranked.append((-quality, media_range.endswith("/*"), position, fmt))
    if not ranked:
        offered = ", ".join(BY_MEDIA_TYPE)
        raise HTTPException(status.HTTP_406_NOT_ACCEPTABLE, f"Accept: offered are {offered}")
    return min(ranked)[3]


@router.get("/rdf", response_class=Response,
            responses={200: {"content": {media_type: {} for media_type in MEDIA_TYPES.values()},
                             "description": "The export in the chosen format."},
                       404: {"description": "No such actor"},
                       406: {"description": "No format the Accept header allows"}})
async def export_rdf(
    request: Request,
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
    with the actors, places, sources and standing relationships they need, streamed a batch at a
    time in every format. A client that goes away stops the export (its reads from the graph)
    within a batch."""
    fmt = format or negotiate(accept)
    if actor:
        await run_in_threadpool(repository.require_actors, actor)
    headers = {"Content-Disposition": f'inline; filename="geokg.{fmt.extension}"'}
    export = RdfExport(reader, settings.base_iri, window, actor)
    chunks = export.serialize(fmt)
    # The header, then the first batch from Neo4j: read before the status is sent (the event-type
    # scheme comes first; N-Triples has no header).
    first = await run_in_threadpool(lambda: list(islice(chunks, 2 if fmt is RdfFormat.NTRIPLES
                                                        else 3)))
    body = pulled_in_threads(request, with_trailer(export, fmt, chain(first, chunks)))
    return ClosingStreamingResponse(body, media_type=fmt.media_type, headers=headers)
