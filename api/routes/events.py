from __future__ import annotations

import io
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from starlette.concurrency import run_in_threadpool

from api.deps import (
    Count,
    Cursor,
    KnownAsOf,
    Limit,
    MinDatasets,
    MinSources,
    RepositoryDep,
    SettingsDep,
    WindowDep,
    WriterDep,
    require_api_key,
)
from api.errors import ERROR_SCHEMA_REF, ApiError
from graph.model import RECORD_ADAPTER, EventStatus
from graph.read.views import EventPage, EventView
from graph.store.writer import GraphWriter
from loaders.json_stream import JsonArrayReader
from loaders.native import parse_records
from loaders.pipeline import load_records
from loaders.report import LoadReport

router = APIRouter(prefix="/events", tags=["events"])

#: The native record's JSON Schema; its definitions are added to the OpenAPI components
#: (``api.openapi``), where the ``$ref``s point.
RECORD_SCHEMA = RECORD_ADAPTER.json_schema(ref_template="#/components/schemas/{model}")
ERROR_RESPONSE = {"content": {"application/json": {"schema": {"$ref": ERROR_SCHEMA_REF}}}}
POST_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {
            "schema": {"type": "array",
                       "items": {k: v for k, v in RECORD_SCHEMA.items() if k != "$defs"}},
            "example": [{"record": "actor", "id": "example_state", "name": "Example State",
                         "kind": "state", "country": "EXA"}],
        }},
    }
}



@router.get("", response_model=EventPage)
def list_events(
    repository: RepositoryDep,
    window: WindowDep,
    actor: Annotated[str | None, Query(examples=["prk"])] = None,
    type: Annotated[str | None, Query(examples=["provide_military_aid"])] = None,
    place: Annotated[str | None, Query(examples=["kursk_oblast"])] = None,
    source: Annotated[str | None, Query(examples=["src:seed-000_395fba7793f6db4e"])] = None,
    status: EventStatus | None = None,
    known_as_of: KnownAsOf = None,
    limit: Limit = 50,
    cursor: Cursor = None,
    count: Count = "happenings",
    min_datasets: MinDatasets = None,
    min_sources: MinSources = None,
) -> EventPage:
    """Events matching every filter given, in time order, a page at a time. With
    `count=happenings` (the default) one record per happening, the first by time then id, its
    `happening.members` naming the others; `count=records` every record."""
    return repository.list_events(
        window, limit, cursor, known_as_of, count=count, min_datasets=min_datasets,
        min_sources=min_sources, actor=actor, type=type, place=place, source=source,
        status=status.value if status else None,
    )


@router.get("/{event_id}", response_model=EventView, responses={404: {"description": "No such event"}})
def get_event(
    event_id: Annotated[str, Path(examples=["ev:2025-08-12-kim-putin-call"])], repository: RepositoryDep
) -> EventView:
    """The event with its participants and roles, place, time, and every source with its quote and
    attribution."""
    return repository.event(event_id)


@router.post("", response_model=LoadReport, dependencies=[Depends(require_api_key)],
             openapi_extra=POST_BODY,
             responses={401: {"description": "No valid X-API-Key", **ERROR_RESPONSE},
                        403: {"description": "Writes are disabled", **ERROR_RESPONSE},
                        413: {"description": "Body over GEOKG_MAX_POST_BYTES", **ERROR_RESPONSE},
                        422: {"description": "Not a JSON array of records", **ERROR_RESPONSE}})
async def post_events(request: Request, writer: WriterDep, settings: SettingsDep) -> LoadReport:
    """Load records of the native format (a JSON array) through the same code path as `geokg load`.
    Each bad record is reported by its position (`line`) and field; the valid ones are written.
    The key is checked before the body is read; a body over GEOKG_MAX_POST_BYTES is refused (413),
    at once when its Content-Length says so, else when that much has arrived."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > settings.max_post_bytes:
        raise _too_large(settings.max_post_bytes)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > settings.max_post_bytes:
            raise _too_large(settings.max_post_bytes)
    return await run_in_threadpool(_load_body, bytes(body), writer)


def _too_large(limit: int) -> ApiError:
    # The rest of the body is not read: the connection is closed after the answer.
    return ApiError(413, ["body"], f"more than {limit} bytes; split it, or load a file with "
                    "geokg load", "too_large", headers={"Connection": "close"})


def _load_body(body: bytes, writer: GraphWriter) -> LoadReport:
    """Parse, validate and write a posted body (in a worker thread: it is CPU and I/O work).
    A body that is not a JSON array, or an element that is not JSON (or nests too deep, or is
    not UTF-8), is a 422 naming the element; invalid records are reported by the load."""
    raw: list[tuple[int, object]] = []
    problems: list[dict[str, object]] = []
    for _, index, value in JsonArrayReader(io.BytesIO(body)):
        if isinstance(value, Exception):
            problems.append({"loc": ["body", index] if index else ["body"], "msg": str(value),
                             "type": "json_invalid"})
        else:
            raw.append((index, value))
    if problems:
        raise HTTPException(422, detail=problems)
    items, errors = parse_records(raw, "request body")
    return load_records(items, writer, parse_errors=errors)
