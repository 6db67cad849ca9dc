"""``GET /export/rdf``: the graph, or a window or an actor of it, as RDF.

The format comes from ``format`` or else from the ``Accept`` header; N-Triples is streamed a
batch at a time, the other formats are built whole before the first byte is sent.

A streamed export reads its first batch from Neo4j before the response starts, so an outage
then is a plain 503. One that fails half-way cannot change its status any more: it ends with
the comment line ``# geokg: export incomplete …`` and breaks off its chunked encoding without
the final empty chunk, which HTTP clients report as an incomplete body. A complete export ends
with ``# geokg: export complete, N triples``.

A client that goes away stops the export: the stream is closed (its reads with it), and an
export built in memory is told to stop at its next batch.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Generator, Iterator
from itertools import chain, islice
from typing import Annotated

from fastapi import APIRouter, Header, HTTPException, Query, Request, status
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from api.deps import ExportReaderDep, RepositoryDep, SettingsDep, WindowDep
from api.disconnect import ClosingStreamingResponse, pulled_in_threads, unless_disconnected
from graph.rdf.export import MEDIA_TYPES, RdfExport, RdfFormat

router = APIRouter(prefix="/export", tags=["export"])
log = logging.getLogger("geokg.api")


class ExportCutShort(RuntimeError):
    """Raised after the trailer of a cut export, so the server drops the connection."""


def with_trailer(export: RdfExport, chunks: Iterator[bytes]) -> Generator[bytes, None, None]:
    """The chunks, then a comment saying the export is complete, or, if reading fails half-way,
    one saying it is not, and an error that makes the server break off the response. Closed
    part-way (the client went away), it reads no further."""
    try:
        yield from chunks
    except GeneratorExit:
        log.info("N-Triples export stopped after %d triples: the client went away", export.triples)
        raise
    except Exception as error:
        log.warning("N-Triples export cut after %d triples: %s", export.triples, error)
        yield (f"# geokg: export incomplete: cut after {export.triples} triples "
               f"({type(error).__name__})\n").encode()
        raise ExportCutShort("export cut short") from error
    yield f"# geokg: export complete, {export.triples} triples\n".encode()
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
    with the actors, places, sources and standing relationships they need. N-Triples is
    streamed; Turtle, JSON-LD and RDF/XML are built in memory, so narrow large exports. A
    client that goes away stops the export (its reads from the graph) within a batch."""
    fmt = format or negotiate(accept)
    if actor:
        await run_in_threadpool(repository.require_actors, actor)
    headers = {"Content-Disposition": f'inline; filename="geokg.{fmt.extension}"'}
    if fmt is RdfFormat.NTRIPLES:
        export = RdfExport(reader, settings.base_iri, window, actor)
        chunks = export.ntriples()
        # The event-type scheme, then the first batch from Neo4j: read before the status is sent.
        first = await run_in_threadpool(lambda: list(islice(chunks, 2)))
        body = pulled_in_threads(request, with_trailer(export, chain(first, chunks)))
        return ClosingStreamingResponse(body, media_type=fmt.media_type, headers=headers)

    def build(stop: threading.Event) -> bytes:
        return b"".join(RdfExport(reader, settings.base_iri, window, actor, stop).serialize(fmt))

    return Response(await unless_disconnected(request, build), media_type=fmt.media_type,
                    headers=headers)
