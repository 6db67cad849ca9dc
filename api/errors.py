"""Errors as clear JSON, all in one shape: ``{"detail": [{"loc": [...], "msg": "...", "type": "..."}]}``.

That is FastAPI's own validation error body (``HTTPValidationError`` in the OpenAPI schema), used
for every error: 404 naming the id, 422 naming the parameter, 503 while Neo4j is away (with
``Retry-After``), 504 for work over its time budget. Never a stack trace: anything unexpected is
logged and answered with a plain 500 message.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from fastapi import FastAPI, HTTPException, Request, status
from fastapi.responses import JSONResponse, Response
from neo4j.exceptions import ClientError, ServiceUnavailable, SessionExpired, TransientError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect
from starlette.routing import Match, Route

from graph.outputs.network_analysis import AnalyticsTimeout
from graph.read.base import NotFoundError
from graph.read.repository import InvalidCursorError

log = logging.getLogger("geokg.api")

#: Seconds a client should wait before trying again after a 503.
RETRY_AFTER_S = 2
CLIENT_CLOSED_REQUEST = 499
ERROR_SCHEMA_REF = "#/components/schemas/HTTPValidationError"


class ApiError(HTTPException):
    """An HTTP error with the location (``("body",)``, ``("header", "x-api-key")``) it is about."""

    def __init__(self, status_code: int, loc: Sequence[str | int], msg: str, type: str,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(status_code, msg, headers)
        self.loc = list(loc)
        self.type = type


def error_response(code: int, loc: Sequence[str | int], msg: str, type: str,
                   headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse(status_code=code, content={"detail": [{"loc": list(loc), "msg": msg, "type": type}]},
                        headers=headers)


def _too_long() -> JSONResponse:
    return error_response(status.HTTP_504_GATEWAY_TIMEOUT, ["query"],
                          "the query took too long; narrow it", "timeout")


def _allowed_methods(request: Request) -> list[str]:
    """Every method some route serves on the request's path (Starlette names only the first
    route's, and ``GET /events`` and ``POST /events`` are two routes)."""
    methods: set[str] = set()
    for route in request.app.router.routes:
        if isinstance(route, Route) and route.methods and route.matches(request.scope)[0] != Match.NONE:
            methods |= route.methods
    return sorted(methods)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        if error.status_code == status.HTTP_405_METHOD_NOT_ALLOWED:
            error.headers = {"Allow": ", ".join(_allowed_methods(request))}
        if isinstance(error.detail, list):
            return JSONResponse(status_code=error.status_code, content={"detail": error.detail},
                                headers=error.headers)
        return error_response(error.status_code, getattr(error, "loc", []), str(error.detail),
                              getattr(error, "type", f"http_{error.status_code}"), error.headers)

    @app.exception_handler(NotFoundError)
    async def not_found(_: Request, error: NotFoundError) -> JSONResponse:
        return error_response(status.HTTP_404_NOT_FOUND, [error.kind, error.identifier], str(error),
                              "not_found")

    @app.exception_handler(InvalidCursorError)
    async def bad_cursor(_: Request, error: InvalidCursorError) -> JSONResponse:
        return error_response(422, ["query", "cursor"], str(error), "value_error")

    @app.exception_handler(ServiceUnavailable)
    @app.exception_handler(SessionExpired)
    async def neo4j_unavailable(_: Request, error: Exception) -> JSONResponse:
        log.warning("Neo4j unavailable: %s", error)
        return error_response(status.HTTP_503_SERVICE_UNAVAILABLE, ["neo4j"],
                              "the graph database is unreachable; try again shortly", "unavailable",
                              headers={"Retry-After": str(RETRY_AFTER_S)})

    @app.exception_handler(TransientError)
    async def neo4j_transient(_: Request, error: TransientError) -> JSONResponse:
        if error.code and "TransactionTimedOut" in error.code:
            return _too_long()
        # Deadlocks and other transient errors are retried by the managed transaction: one seen
        # here outlived the retry budget.
        log.warning("Neo4j transient error after retries: %s", error.code)
        return error_response(status.HTTP_503_SERVICE_UNAVAILABLE, ["neo4j"],
                              f"the graph database could not finish the request ({error.code}); "
                              "try again", "transient", headers={"Retry-After": str(RETRY_AFTER_S)})

    @app.exception_handler(ClientError)
    async def neo4j_client_error(_: Request, error: ClientError) -> JSONResponse:
        # TransactionTimedOut, and …ClientConfiguration when the timeout was the query's own.
        if error.code and error.code.startswith("Neo.ClientError.Transaction.TransactionTimedOut"):
            return _too_long()
        log.error("Neo4j rejected a query: %s", error.code)
        return error_response(500, [], "the query failed", "internal")

    @app.exception_handler(AnalyticsTimeout)
    async def analytics_timeout(_: Request, error: AnalyticsTimeout) -> JSONResponse:
        return error_response(status.HTTP_504_GATEWAY_TIMEOUT, ["analytics"], str(error), "timeout")

    @app.exception_handler(ClientDisconnect)
    async def client_gone(request: Request, _: ClientDisconnect) -> Response:
        # Nobody reads this answer; 499 (nginx's "client closed request") names it in logs.
        log.info("%s %s: the client went away; its work was stopped", request.method, request.url.path)
        return Response(status_code=CLIENT_CLOSED_REQUEST)

    @app.exception_handler(Exception)
    async def unexpected(_: Request, error: Exception) -> JSONResponse:
        log.exception("unexpected error", exc_info=error)
        return error_response(500, [], "internal error", "internal")
