"""Downloading a feed's files: streamed in pieces (memory bounded whatever the file's size), with
timeouts, retries with back-off for what may pass (a dropped connection, a timeout, a 5xx), and
the file's size and MD5 checked against the list, then its zip read through, before anything of
it is loaded. ``http(s)://`` and ``file://`` base URLs both work (a mirror, a local copy)."""

from __future__ import annotations

import hashlib
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import unquote, urlparse
from urllib.request import url2pathname

import httpx

from loaders.gdelt_feed.lists import Listing, read_listing

_CHUNK = 1 << 16
_MAX_LINE = 1 << 20


class FetchError(Exception):
    """A file that could not be had whole: ``name`` says which, ``missing`` that the server has
    none (404), ``retryable`` that trying again may help."""

    def __init__(self, name: str, reason: str, *, missing: bool = False, retryable: bool = False) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason
        self.missing = missing
        self.retryable = retryable


def join(base_url: str, name: str) -> str:
    """A file of the feed at ``base_url`` (the lists give GDELT's own URLs; a mirror has the same
    names under another base)."""
    return base_url.rstrip("/") + "/" + name


def _local_path(url: str) -> Path:
    return Path(url2pathname(unquote(urlparse(url).path)))


class Fetcher:
    """One HTTP client for a run; ``sleep`` is what back-off waits with (a stop event's wait, so a
    stop is not held up by a back-off)."""

    def __init__(self, *, timeout_s: float = 60.0, retries: int = 4, backoff_s: float = 1.0,
                 sleep: Callable[[float], object] = time.sleep) -> None:
        self._client = httpx.Client(timeout=httpx.Timeout(timeout_s), follow_redirects=True)
        self._retries = retries
        self._backoff_s = backoff_s
        self._sleep = sleep

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _chunks(self, url: str, name: str) -> Iterator[bytes]:
        """The bytes at ``url``, a piece at a time; FetchError for a missing file or a failure."""
        if url.startswith("file://"):
            path = _local_path(url)
            if not path.is_file():
                raise FetchError(name, f"no such file {path}", missing=True)
            with path.open("rb") as stream:
                while chunk := stream.read(_CHUNK):
                    yield chunk
            return
        try:
            with self._client.stream("GET", url) as response:
                if response.status_code == 404:
                    raise FetchError(name, f"not found (404) at {url}", missing=True)
                if response.status_code >= 400:
                    raise FetchError(name, f"HTTP {response.status_code} at {url}",
                                     retryable=response.status_code >= 500 or response.status_code == 429)
                yield from response.iter_bytes(_CHUNK)
        except httpx.HTTPError as error:
            raise FetchError(name, f"{type(error).__name__}: {error or 'connection failed'}",
                             retryable=True) from None

    def _retrying(self, attempt: Callable[[], object], name: str) -> None:
        for n in range(self._retries + 1):
            try:
                attempt()
                return
            except FetchError as error:
                if not error.retryable or n == self._retries:
                    if error.retryable:
                        error.reason += f" (after {n + 1} tries)"
                        error.args = (f"{name}: {error.reason}",)
                    raise
                self._sleep(self._backoff_s * 2 ** n)

    def listing(self, url: str, name: str, since: str | None = None, until: str | None = None) -> Listing:
        """The slices of a list from ``since`` to ``until``, its lines read as they come: the
        master list (years of lines) costs the memory of the slices kept, not of its text."""
        found = Listing()

        def attempt() -> None:
            nonlocal found
            found = read_listing(self._lines(url, name), since, until)

        self._retrying(attempt, name)
        return found

    def _lines(self, url: str, name: str) -> Iterator[str]:
        pending = b""
        for chunk in self._chunks(url, name):
            pending += chunk
            *complete, pending = pending.split(b"\n")
            if len(pending) > _MAX_LINE:
                raise FetchError(name, f"a line longer than {_MAX_LINE} bytes: not a list of files")
            yield from (line.decode("utf-8", "replace") for line in complete)
        if pending:
            yield pending.decode("utf-8", "replace")

    def download(self, url: str, name: str, dest: Path, *, size: int, md5: str) -> None:
        """``url`` into ``dest``, checked: its size and MD5 those of the list, and a zip that reads
        through. FetchError otherwise (``dest`` then holds nothing to load)."""

        def attempt() -> None:
            digest = hashlib.md5(usedforsecurity=False)
            written = 0
            with dest.open("wb") as out:
                for chunk in self._chunks(url, name):
                    written += len(chunk)
                    if written > size:
                        raise FetchError(name, f"longer than the list's {size} bytes")
                    digest.update(chunk)
                    out.write(chunk)
            if written != size:  # a connection dropped mid-file, where the server did not say
                raise FetchError(name, f"{written} bytes of the list's {size}", retryable=True)
            if digest.hexdigest() != md5:
                raise FetchError(name, f"MD5 {digest.hexdigest()} is not the list's {md5}")

        try:
            self._retrying(attempt, name)
            _check_zip(dest, name)
        except FetchError:
            dest.unlink(missing_ok=True)
            raise


def _check_zip(path: Path, name: str) -> None:
    """The zip reads through, CRCs and all: a corrupt one is refused before any row is loaded."""
    try:
        with zipfile.ZipFile(path) as archive:
            bad = archive.testzip()
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise FetchError(name, f"not a readable zip: {error}") from None
    if bad is not None:
        raise FetchError(name, f"corrupt zip: {bad} fails its CRC check")
