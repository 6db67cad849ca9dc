"""Input files as stored: a plain file, or the one file a ``.zip`` holds, read as a byte stream
without unpacking. A zip holding several files is refused with their names, so that none is
skipped silently; one holding none likewise. A ``ReadProgress`` is told how far the stored bytes
(compressed or not) have been read."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import BinaryIO

from loaders.progress import ReadProgress


def data_name(path: Path) -> str:
    """The name of what ``path`` holds: ``events.jsonl`` for ``events.jsonl.zip``."""
    return path.name[:-4] if is_zip(path) else path.name


def is_zip(path: Path) -> bool:
    return path.name.lower().endswith(".zip")


@contextmanager
def open_binary(path: Path, progress: ReadProgress | None = None) -> Iterator[BinaryIO]:
    """The bytes of ``path``, or of the one file of a zip; ``ValueError`` for a zip that holds
    none or several (OSError and ``zipfile.BadZipFile`` as they come)."""
    with path.open("rb") as raw, progress.reading(path, raw) if progress else nullcontext():
        if not is_zip(path):
            yield raw
            return
        with zipfile.ZipFile(raw) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            if len(members) != 1:
                names = ", ".join(m.filename for m in members) or "none"
                raise ValueError(f"a zip must hold one file, this one holds {len(members)} ({names}): "
                                 "unzip it and give its files one by one")
            with archive.open(members[0]) as member:
                yield member  # type: ignore[misc]
