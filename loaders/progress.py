"""How far a load has read its files, in bytes as stored (compressed or not), for a progress bar.

The readers register each file while they read it (``reading``); the bar asks ``bytes_read`` from
the thread that writes, while the load reads ahead in another.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


class ReadProgress:
    """The files a load is reading, and those it has read to the end."""

    def __init__(self) -> None:
        self._open: dict[str, BinaryIO] = {}
        self._finished: set[str] = set()

    @contextmanager
    def reading(self, path: Path, stream: BinaryIO) -> Iterator[None]:
        """Count ``stream`` (``path`` as stored) as read up to its position, and whole once done."""
        self._open[str(path)] = stream
        try:
            yield
        finally:
            self._open.pop(str(path), None)
            self._finished.add(str(path))

    def bytes_read(self, path: Path) -> int:
        """How many bytes of ``path`` have been read so far."""
        stream = self._open.get(str(path))
        if stream is not None and not stream.closed:
            return stream.tell()
        return path.stat().st_size if str(path) in self._finished and path.exists() else 0
