"""Read ahead in a thread: the next batches are parsed and validated while the current one is written.

Python parsing and pydantic validation would otherwise run in series with Neo4j's writes. The
queue is bounded (``depth`` batches), so a load's memory stays constant whatever its size.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Iterable, Iterator
from types import TracebackType
from typing import Generic, TypeVar

T = TypeVar("T")

_END = object()


class ReadAhead(Generic[T]):
    """Iterate ``source`` in a producer thread, at most ``depth`` items ahead of the consumer.

    Use it as a context manager: leaving it early (an error, an interrupted load) stops the
    producer. An exception in the producer is raised in the consumer, where it happened in order.
    """

    def __init__(self, source: Iterable[T], depth: int = 2) -> None:
        self._source = source
        self._queue: queue.Queue[object] = queue.Queue(maxsize=depth)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._produce, name="geokg-read-ahead", daemon=True)

    def __enter__(self) -> Iterator[T]:
        self._thread.start()
        return self._consume()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._stop.set()
        while self._thread.is_alive():  # unblock a producer waiting for room
            with contextlib.suppress(queue.Empty):
                self._queue.get(timeout=0.05)
        self._thread.join()

    def _put(self, item: object) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def _produce(self) -> None:
        try:
            for item in self._source:
                if not self._put(item):
                    return
        except BaseException as error:  # handed to the consumer, raised there
            self._put(_Failure(error))
            return
        self._put(_END)

    def _consume(self) -> Iterator[T]:
        while True:
            item = self._queue.get()
            if item is _END:
                return
            if isinstance(item, _Failure):
                raise item.error
            yield item  # type: ignore[misc]


class _Failure:
    def __init__(self, error: BaseException) -> None:
        self.error = error
