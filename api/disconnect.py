"""Work stopped when the client goes away: an export or an analysis runs in a worker thread
while the request watches its connection, and is told to stop (or its stream closed) as soon as
the client is gone, instead of reading Neo4j and computing for no one."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import AsyncGenerator, Callable, Generator, Mapping
from typing import TypeVar

import anyio
from fastapi import Request
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect
from starlette.types import Receive, Scope, Send

from graph.cancel import Cancelled

T = TypeVar("T")
#: How often a request doing long work looks at its connection, in seconds.
POLL_S = 0.25


async def unless_disconnected(request: Request, work: Callable[[threading.Event], T]) -> T:
    """``work(stop)``'s result, run in a worker thread; when the client goes away first, ``stop``
    is set, the work given time to notice (it raises ``Cancelled``) and ``ClientDisconnect``
    raised."""
    stop = threading.Event()
    task = asyncio.ensure_future(run_in_threadpool(work, stop))
    try:
        while True:
            done, _ = await asyncio.wait({task}, timeout=POLL_S)
            if done:
                return task.result()
            if await request.is_disconnected():
                break
    finally:
        # Also when this request is itself cancelled (the server shutting down).
        stop.set()
    with contextlib.suppress(Cancelled):
        await task
    raise ClientDisconnect()


async def pulled_in_threads(request: Request, chunks: Generator[bytes, None, None]
                            ) -> AsyncGenerator[bytes, None]:
    """``chunks``, each pulled in a worker thread (they read Neo4j), until the client goes away;
    ``chunks`` is closed at the end either way, so its reads stop with the response."""
    try:
        while (chunk := await run_in_threadpool(next, chunks, None)) is not None:
            yield chunk
            if await request.is_disconnected():
                return
    finally:
        with anyio.CancelScope(shield=True):
            await run_in_threadpool(chunks.close)


class ClosingStreamingResponse(StreamingResponse):
    """A streamed response that closes its body's generator when it ends, however it ends:
    Starlette stops iterating when the client goes away but leaves the generator to the
    garbage collector, its reads pending."""

    def __init__(self, content: AsyncGenerator[bytes, None], media_type: str,
                 headers: Mapping[str, str]) -> None:
        super().__init__(content, media_type=media_type, headers=headers)
        self.generator = content

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            with anyio.CancelScope(shield=True):
                await self.generator.aclose()
