"""``geokg sync gdelt``: load GDELT 2.0's 15-minute slices as GDELT publishes them, each once.

A run lists the slices (``masterfilelist.txt`` from ``since`` on, else ``lastupdate.txt``, and the
slices an earlier run failed), leaves out those the graph records as loaded, and for each of the
others, oldest first: downloads its export and mentions into a temporary folder, checks them
(size, MD5, zip) before loading anything, loads the export then the mentions through the pipeline
``geokg load`` uses, and records the slice (``graph.store.feed``) once its load has committed.

So a slice is never half-loaded by a bad file (nothing of it is loaded unless every file of it
checked out; it is recorded failed, by name, and tried again by the next run), and a run killed
at any point resumes: a slice whose load was cut short is not recorded and is loaded again,
which is harmless since a load is idempotent (what was written reports ``unchanged``). Two runs
at once may load one slice twice, with the same result.

A run may keep only some events (a ``LoadFilter``, as ``geokg load``'s): each slice records the
filters it was loaded under, and a slice loaded unfiltered or under the run's filter is loaded;
one loaded under another filter only is loaded again under this one (adding what it keeps).
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from neo4j import Driver

from graph.settings import Settings
from graph.store.feed import SliceCounts, SliceRecord, record_slice, slice_records
from graph.store.writer import GraphWriter
from loaders.filters import DERIVED, LoadFilter
from loaders.formats import read_all
from loaders.gdelt_feed.fetch import Fetcher, FetchError, join
from loaders.gdelt_feed.lists import FeedFile, FeedSlice, every_slice
from loaders.pipeline import load_stream
from loaders.report import LoadReport

FEED = "gdelt2"


@dataclass
class SliceOutcome:
    stamp: str
    status: Literal["loaded", "failed", "interrupted"]
    reason: str | None = None
    counts: SliceCounts = field(default_factory=SliceCounts)
    report: LoadReport | None = None


@dataclass
class RunSummary:
    outcomes: list[SliceOutcome] = field(default_factory=list)
    already_loaded: int = 0
    other_filter: int = 0
    """Slices loaded before under other filters only, loaded again under this run's."""
    bad_lines: int = 0
    list_error: str | None = None

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)


class Interrupted(Exception):
    """Neo4j went away mid-slice: the run stops, the slice stays unrecorded (loaded again later)."""

    def __init__(self, outcome: SliceOutcome) -> None:
        super().__init__(outcome.reason)
        self.outcome = outcome


def _counts(report: LoadReport) -> SliceCounts:
    return SliceCounts(created=report.total("created"), updated=report.total("updated"),
                       unchanged=report.total("unchanged"), rejected=report.total("rejected"),
                       skipped=sum(report.skipped.values()),
                       filtered=sum(n for why, n in report.filtered.items() if why != DERIVED))


def _from_record(record: SliceRecord) -> FeedSlice:
    """A failed slice as recorded, to be tried again from the files its list gave."""
    files = {}
    for name, url, size, md5 in zip(record.files, record.urls, record.sizes, record.md5s, strict=True):
        kind = "export" if ".export." in name.lower() else "mentions"
        files[kind] = FeedFile(size=size, md5=md5, name=name, url=url, kind=kind)
    return FeedSlice(record.slice, files)


class Sync:
    """Runs against one graph and one feed base URL; ``stop`` ends a run between slices and a
    follow between polls; ``report`` is told each slice's outcome as it comes."""

    def __init__(self, driver: Driver, settings: Settings, base_url: str, fetcher: Fetcher, *,
                 stop: threading.Event | None = None, keep: LoadFilter | None = None,
                 report: Callable[[SliceOutcome], None] = lambda _: None) -> None:
        self._driver = driver
        self._settings = settings
        self._base_url = base_url
        self._fetcher = fetcher
        self.stop = stop or threading.Event()
        self._keep = keep if keep and keep.active else None
        self._key = self._keep.key if self._keep else ""
        self._loaded_before: set[str] = set()  # under any filter, as of the run's start
        self._report = report

    def _recorded(self) -> dict[str, SliceRecord]:
        return {r.slice: r for r in slice_records(self._driver, self._settings.neo4j_database, FEED)}

    def _to_load(self, since: str | None, until: str | None, summary: RunSummary) -> list[FeedSlice]:
        list_name = "masterfilelist.txt" if since or until else "lastupdate.txt"
        listing = self._fetcher.listing(join(self._base_url, list_name), list_name, since, until)
        summary.bad_lines = listing.bad_lines
        recorded = self._recorded()
        chosen = dict(listing.slices)
        for stamp, record in recorded.items():  # failed before: tried again, from its list's files
            in_range = (not since or stamp >= since) and (not until or stamp <= until)
            if record.status == "failed" and in_range and stamp not in chosen:
                chosen[stamp] = _from_record(record)
        loaded = {s for s, r in recorded.items() if r.status == "loaded" and {"", self._key} & set(r.filters)}
        summary.already_loaded = len(loaded & set(chosen))
        self._loaded_before = {s for s, r in recorded.items() if r.status == "loaded"}
        summary.other_filter = len((self._loaded_before - loaded) & set(chosen))
        return [chosen[s] for s in sorted(chosen) if s not in loaded and chosen[s].files]

    def run(self, since: str | None = None, until: str | None = None) -> RunSummary:
        """Load every slice chosen that the graph does not hold yet; Interrupted if Neo4j goes
        away (what was loaded stays recorded)."""
        summary = RunSummary()
        try:
            chosen = self._to_load(since, until, summary)
        except FetchError as error:  # the list itself: nothing to load this time
            summary.list_error = str(error)
            return summary
        for feed_slice in chosen:
            if self.stop.is_set():
                break
            outcome = self.load_slice(feed_slice)
            summary.outcomes.append(outcome)
            self._report(outcome)
        return summary

    def follow(self, interval_s: float, since: str | None = None, until: str | None = None
               ) -> Iterator[RunSummary]:
        """A run now, then one every ``interval_s`` (from ``lastupdate.txt``, with the failed
        slices) until ``stop`` is set; a stop mid-run ends it after the slice being loaded. A list
        that cannot be read is reported in its run's summary and read again at the next poll."""
        first = True
        while not self.stop.is_set():
            yield self.run(since if first else None, until if first else None)
            first = False
            self.stop.wait(interval_s)

    def _record(self, feed_slice: FeedSlice, status: Literal["loaded", "failed"], reason: str | None,
                counts: SliceCounts) -> None:
        if status == "failed" and feed_slice.stamp in self._loaded_before:
            return  # loaded under another filter: it stays so (and this filter's run tries again)
        files = feed_slice.ordered()
        record_slice(self._driver, self._settings.neo4j_database, SliceRecord(
            feed=FEED, slice=feed_slice.stamp, status=status, reason=reason, files=[f.name for f in files],
            urls=[f.url for f in files], sizes=[f.size for f in files], md5s=[f.md5 for f in files],
            counts=counts), self._key)

    def load_slice(self, feed_slice: FeedSlice) -> SliceOutcome:
        """Download and check every file of the slice, then load them, then record it."""
        with tempfile.TemporaryDirectory(prefix=f"geokg-sync-{feed_slice.stamp}-") as folder:
            paths: list[Path] = []
            try:
                for file in feed_slice.ordered():
                    path = Path(folder) / file.name
                    self._fetcher.download(join(self._base_url, file.name), file.name, path,
                                           size=file.size, md5=file.md5)
                    paths.append(path)
            except FetchError as error:
                self._record(feed_slice, "failed", str(error), SliceCounts())
                return SliceOutcome(feed_slice.stamp, "failed", str(error))
            settings = self._settings
            writer = GraphWriter(self._driver, settings.neo4j_database, settings.batch_size,
                                 retry_s=settings.neo4j_write_retry_s)
            report = load_stream(lambda: read_all(paths, "gdelt"), writer, batch_size=settings.batch_size * 4,
                                 keep=self._keep)
        if report.interrupted:
            raise Interrupted(SliceOutcome(feed_slice.stamp, "interrupted", report.interrupted,
                                           report=report))
        counts = _counts(report)
        self._record(feed_slice, "loaded", None, counts)
        return SliceOutcome(feed_slice.stamp, "loaded", None, counts, report)


@dataclass
class FeedStatus:
    loaded: list[SliceRecord]
    failed: list[SliceRecord]
    missing: list[str]


def feed_status(driver: Driver, database: str, since: str | None = None, until: str | None = None
                ) -> FeedStatus:
    """What the graph holds of the feed from ``since`` to ``until`` (default: its first to its
    last recorded slice): slices loaded, failed (with why), and missing (neither, at 15 minutes
    apart: not loaded yet, or never published)."""
    records = [r for r in slice_records(driver, database, FEED)
               if (not since or r.slice >= since) and (not until or r.slice <= until)]
    if not records and not (since and until):
        return FeedStatus([], [], [])
    first = since or records[0].slice
    last = until or records[-1].slice
    known = {r.slice for r in records}
    return FeedStatus(loaded=[r for r in records if r.status == "loaded"],
                      failed=[r for r in records if r.status == "failed"],
                      missing=[s for s in every_slice(first, last) if s not in known])
