"""The OpenAPI schema, completed: every ``$ref`` resolves and every error has its declared shape.

FastAPI documents the request body of ``POST /events`` only as given (the native record's JSON
Schema, whose definitions point into ``#/components/schemas``), so those definitions are added
there; and every operation declares the errors any route may answer, 503 while Neo4j is away
and 504 over the time budget, and every error (a 404 too) in the one error shape
(``HTTPValidationError``), so that a generated client parses them.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from api.errors import ERROR_SCHEMA_REF
from api.routes.events import RECORD_SCHEMA

ERROR_CONTENT = {"application/json": {"schema": {"$ref": ERROR_SCHEMA_REF}}}
COMMON_ERRORS = {
    "503": "Neo4j is unreachable (with Retry-After)",
    "504": "The work took longer than GEOKG_QUERY_TIMEOUT_S",
}


def complete_openapi(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(title=app.title, version=app.version, description=app.description,
                             routes=app.routes)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        for name, definition in RECORD_SCHEMA.get("$defs", {}).items():
            components.setdefault(name, definition)
        for path in schema.get("paths", {}).values():
            for operation in path.values():
                responses = operation.setdefault("responses", {})
                for code, description in COMMON_ERRORS.items():
                    responses.setdefault(code, {"description": description})
                for code, response in responses.items():
                    if code.startswith(("4", "5")):
                        response.setdefault("content", ERROR_CONTENT)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
