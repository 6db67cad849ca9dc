"""The loader's read-ahead thread: order kept, bounded, errors raised where they happened, stopped
when the load leaves early."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from loaders.read_ahead import ReadAhead


def test_items_come_in_order_and_the_producer_stays_at_most_depth_ahead():
    produced: list[int] = []

    def source() -> Iterator[int]:
        for i in range(50):
            produced.append(i)
            yield i

    seen: list[int] = []
    with ReadAhead(source(), depth=2) as items:
        for item in items:
            time.sleep(0.002)
            # Produced: what was consumed, what waits in the queue, and one held by the producer.
            assert len(produced) <= item + 1 + 2 + 1
            seen.append(item)
    assert seen == list(range(50))


def test_an_error_in_the_producer_is_raised_in_the_consumer_after_the_items_before_it():
    def source() -> Iterator[int]:
        yield 1
        yield 2
        raise ValueError("bad line 3")

    seen: list[int] = []
    with pytest.raises(ValueError, match="bad line 3"), ReadAhead(source()) as items:
        for item in items:
            seen.append(item)
    assert seen == [1, 2]


def test_leaving_early_stops_the_producer():
    def endless() -> Iterator[int]:
        i = 0
        while True:
            yield i
            i += 1

    before = threading.active_count()
    with ReadAhead(endless(), depth=3) as items:
        assert next(items) == 0
    assert threading.active_count() == before
