"""Which slices of a published feed (GDELT 2.0's 15-minute files) ``geokg sync`` loaded, as
``:FeedSlice`` nodes: a slice is recorded ``loaded`` only after its load committed, so a run
killed mid-slice leaves it unrecorded and the next run loads it again, harmlessly (a load is
idempotent: what was written reports ``unchanged``)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from neo4j import Driver
from pydantic import BaseModel, ConfigDict, Field

from queries import load_query


class SliceCounts(BaseModel):
    model_config = ConfigDict(extra="forbid")

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    skipped: int = 0
    filtered: int = 0


class SliceRecord(BaseModel):
    """One slice's files as the feed's list gives them, and what became of it."""

    model_config = ConfigDict(extra="forbid")

    feed: str
    slice: str = Field(description="The slice's time, YYYYMMDDHHMMSS.")
    status: Literal["loaded", "failed"]
    reason: str | None = None
    files: list[str]
    urls: list[str]
    sizes: list[int]
    md5s: list[str]
    counts: SliceCounts = Field(default_factory=SliceCounts)
    filters: list[str] = Field(
        default_factory=list, description="The load filters (``LoadFilter.key``) the slice was "
        "loaded under, '' for none: a slice is loaded for a run with one of them, or with none.")
    attempts: int = 0
    loaded_at: datetime | None = None


def record_slice(driver: Driver, database: str, record: SliceRecord, filter_key: str = "") -> None:
    """Record what became of a slice; a loaded one adds ``filter_key`` to the filters it was
    loaded under."""
    params = record.model_dump(exclude={"attempts", "loaded_at", "filters"})
    driver.execute_query(load_query("record_feed_slice"), id=f"{record.feed}:{record.slice}", **params,
                         filter=filter_key, database_=database)


def slice_records(driver: Driver, database: str, feed: str) -> list[SliceRecord]:
    records, _, _ = driver.execute_query(load_query("feed_slices"), feed=feed, database_=database)
    return [SliceRecord(feed=feed, slice=r["slice"], status=r["status"], reason=r["reason"],
                        files=r["files"], urls=r["urls"], sizes=r["sizes"], md5s=r["md5s"],
                        counts=SliceCounts(**{k: v or 0 for k, v in r["counts"].items()}),
                        filters=r["filters"], attempts=r["attempts"] or 0,
                        loaded_at=r["loaded_at"].to_native() if r["loaded_at"] else None)
            for r in records]
