"""GDELT 2.0's lists of files, ``lastupdate.txt`` and ``masterfilelist.txt``: one ``size md5 url``
line per file, the 15-minute slices named by their time (``20250813120000.export.CSV.zip``).
A line that is not of that shape is counted and passed over (the real master list holds a few),
never fatal; the GKG files and any other file are not GDELT events and are left out."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

_NAME = re.compile(r"^(\d{14})\.(export|mentions)\.CSV\.zip$", re.IGNORECASE)
_MD5 = re.compile(r"^[0-9a-fA-F]{32}$")
#: The time between two slices.
SLICE = timedelta(minutes=15)


@dataclass(frozen=True)
class FeedFile:
    """A file of the list: its size in bytes, MD5 (hex), name and the URL the list gives."""

    size: int
    md5: str
    name: str
    url: str
    kind: str


@dataclass
class FeedSlice:
    """One 15-minute slice: its time (``YYYYMMDDHHMMSS``) and its export and mentions files,
    either of which GDELT may not have published."""

    stamp: str
    files: dict[str, FeedFile] = field(default_factory=dict)

    def ordered(self) -> list[FeedFile]:
        """The export before the mentions: a mention attaches to an event already loaded."""
        return [self.files[k] for k in ("export", "mentions") if k in self.files]


@dataclass
class Listing:
    slices: dict[str, FeedSlice] = field(default_factory=dict)
    bad_lines: int = 0


def parse_time(text: str) -> str:
    """A slice time from ``YYYY-MM-DD``, ``YYYY-MM-DDTHH:MM`` or ``YYYYMMDDHHMMSS`` (UTC), as
    ``YYYYMMDDHHMMSS``; ValueError for anything else."""
    for form in ("%Y%m%d%H%M%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%Y%m%d"):
        try:
            return datetime.strptime(text.strip(), form).strftime("%Y%m%d%H%M%S")
        except ValueError:
            continue
    raise ValueError(f"{text!r} is not a time: write YYYY-MM-DD, YYYY-MM-DDTHH:MM or YYYYMMDDHHMMSS")


def stamp_time(stamp: str) -> datetime:
    return datetime.strptime(stamp, "%Y%m%d%H%M%S").replace(tzinfo=UTC)


def parse_line(line: str) -> FeedFile | None:
    """A list's line as a file of an events slice; None for another file (GKG); ValueError for a
    line that is not ``size md5 url``."""
    parts = line.split()
    if len(parts) != 3 or not parts[0].isdigit() or not _MD5.match(parts[1]):
        raise ValueError(f"not a 'size md5 url' line: {line[:200]!r}")
    name = parts[2].rsplit("/", 1)[-1]
    found = _NAME.match(name)
    if found is None:
        return None
    return FeedFile(size=int(parts[0]), md5=parts[1].lower(), name=name, url=parts[2],
                    kind=found.group(2).lower())


def read_listing(lines: Iterable[str], since: str | None = None, until: str | None = None) -> Listing:
    """The slices of a list from ``since`` to ``until`` (inclusive, ``YYYYMMDDHHMMSS``); only
    those are kept, so a master list of years costs the memory of the slices chosen."""
    listing = Listing()
    for line in lines:
        if not line.strip():
            continue
        try:
            file = parse_line(line)
        except ValueError:
            listing.bad_lines += 1
            continue
        if file is None:
            continue
        stamp = file.name[:14]
        if (since and stamp < since) or (until and stamp > until):
            continue
        listing.slices.setdefault(stamp, FeedSlice(stamp)).files[file.kind] = file
    return listing


def every_slice(first: str, last: str) -> Iterator[str]:
    """Every 15-minute slice time from ``first`` to ``last``, both included."""
    when, end = stamp_time(first), stamp_time(last)
    when -= timedelta(minutes=when.minute % 15, seconds=when.second)
    while when <= end:
        yield when.strftime("%Y%m%d%H%M%S")
        when += SLICE
