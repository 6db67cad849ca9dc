"""Errors as clear JSON: 404 naming the id, 422 naming the parameter, 503 while Neo4j is away.

Never a stack trace: anything unexpected is logged and answered with a plain 500 message.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request, status
from fastapi.responses import JSONResponse
from neo4j.exceptions import ClientError, ServiceUnavailable, SessionExpired, TransientError

from graph.repository import InvalidCursorError, NotFoundError

log = logging.getLogger("geokg.api")


def _error(code: int, message: str, **extra: object) -> JSONResponse:
    return JSONResponse(status_code=code, content={"detail": message, **extra})


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotFoundError)
    async def not_found(_: Request, error: NotFoundError) -> JSONResponse:
        return _error(status.HTTP_404_NOT_FOUND, str(error), kind=error.kind, id=error.identifier)

    @app.exception_handler(InvalidCursorError)
    async def bad_cursor(_: Request, error: InvalidCursorError) -> JSONResponse:
        return _error(422, str(error))

    @app.exception_handler(ServiceUnavailable)
    @app.exception_handler(SessionExpired)
    async def neo4j_unavailable(_: Request, error: Exception) -> JSONResponse:
        log.warning("Neo4j unavailable: %s", error)
        return _error(status.HTTP_503_SERVICE_UNAVAILABLE,
                      "the graph database is unreachable; try again shortly")

    @app.exception_handler(TransientError)
    async def neo4j_transient(_: Request, error: TransientError) -> JSONResponse:
        if error.code and "TransactionTimedOut" in error.code:
            return _error(status.HTTP_504_GATEWAY_TIMEOUT, "the query took too long; narrow it")
        log.warning("Neo4j transient error: %s", error)
        return _error(status.HTTP_503_SERVICE_UNAVAILABLE, "the graph database is busy; try again")

    @app.exception_handler(ClientError)
    async def neo4j_client_error(_: Request, error: ClientError) -> JSONResponse:
        if error.code and "Timeout" in error.code:
            return _error(status.HTTP_504_GATEWAY_TIMEOUT, "the query took too long; narrow it")
        log.error("Neo4j rejected a query: %s", error)
        return _error(status.HTTP_500_INTERNAL_SERVER_ERROR, "the query failed")

    @app.exception_handler(Exception)
    async def unexpected(_: Request, error: Exception) -> JSONResponse:
        log.exception("unexpected error", exc_info=error)
        return _error(status.HTTP_500_INTERNAL_SERVER_ERROR, "internal error")
