"""Parsing an RDF file someone sent, without letting it reach anything but itself.

- JSON-LD: a ``@context`` (or ``@import``) given as a URL or a file name is refused before rdflib
  sees the document, since rdflib would fetch it (server-side request forgery, local file read,
  a hang on a server that never answers). Inline contexts are fine, as in the project's export.
- RDF/XML: a document type declaration is refused before any entity is declared, so there are
  no external entities (files, URLs) and no entity expansion ("billion laughs", the quadratic
  blow-up of many entity references).
- JSON-LD nesting is bounded (the parsers recurse).
- Every format: the file's size is bounded (``GEOKG_RDF_MAX_BYTES``), and the parse runs in a
  worker process with a time limit (``GEOKG_RDF_PARSE_TIMEOUT_S``) and an address-space limit
  (``GEOKG_RDF_MAX_MEMORY_MB``); it is killed when over either.

Every refusal is an ``UnsafeRdf``, every parser error an ``InvalidRdf`` (both ``ValueError``),
with a message for the user.
"""

from __future__ import annotations

import json
import multiprocessing
import resource
import time
import xml.parsers.expat
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from loaders.json_stream import BOM, MAX_DEPTH, nesting_depth

T = TypeVar("T")
_processes = multiprocessing.get_context("forkserver")


class UnsafeRdf(ValueError):
    """An RDF file refused before or while parsing (what it would reach, or its size or time),
    with the reason."""


class InvalidRdf(ValueError):
    """An RDF file that does not parse, with the parser's message."""


def check_jsonld(data: bytes) -> None:
    """Refuse JSON-LD that nests too deep or names a context to fetch (``@context``/``@import``
    given as an IRI or a path anywhere in the document)."""
    if nesting_depth(data) > MAX_DEPTH:
        raise UnsafeRdf(f"JSON-LD nested deeper than {MAX_DEPTH} levels")
    try:
        document = json.loads(data.removeprefix(BOM).decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise InvalidRdf(f"not JSON: {error}") from None
    _check_contexts(document)


def _check_contexts(value: Any) -> None:
    if isinstance(value, list):
        for item in value:
            _check_contexts(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key == "@import" or (key == "@context" and _names_a_document(item)):
                raise UnsafeRdf(f"JSON-LD {key} {_shown(item)} names a document to fetch; contexts are "
                                "never fetched: put the context inline in the file")
            _check_contexts(item)


def _names_a_document(context: Any) -> bool:
    items = context if isinstance(context, list) else [context]
    return any(isinstance(item, str) for item in items)


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."


def _refuse_doctype(*_: object) -> NoReturn:
    raise UnsafeRdf("RDF/XML with a document type declaration (<!DOCTYPE>) is refused: its "
                    "entities could read files or URLs, or expand without bound")


def check_rdfxml(data: bytes) -> None:
    """Refuse RDF/XML with a DTD, before any entity is declared; report ill-formed XML."""
    parser = xml.parsers.expat.ParserCreate()
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_doctype
    parser.ExternalEntityRefHandler = _refuse_doctype
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as error:
        raise InvalidRdf(f"not well-formed XML: {error}") from None


def _worker(task: Callable[[], T], memory_bytes: int, results: Connection) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    try:
        results.send(("ok", task()))
    except UnsafeRdf as error:
        results.send(("refused", str(error)))
    except MemoryError:
        results.send(("refused", f"parsing needed more than {memory_bytes // 2**20} MB "
                                 "(GEOKG_RDF_MAX_MEMORY_MB); split the file"))
    except InvalidRdf as error:
        results.send(("invalid", str(error)))
    except BaseException as error:  # any parser's error, reported without a traceback
        results.send(("invalid", f"{type(error).__name__}: {error}"))


def run_bounded(task: Callable[[], T], seconds: float, memory_mb: int) -> T:
    """``task()`` in a worker process killed after ``seconds``, with ``memory_mb`` of address
    space; its result comes back pickled. Raises ``InvalidRdf`` for a parser's error, and
    ``UnsafeRdf`` for a refusal, the time limit, or a worker that died."""
    receiver, sender = _processes.Pipe(duplex=False)
    worker = _processes.Process(target=_worker, args=(task, memory_mb * 2**20, sender), daemon=True)
    started = time.monotonic()
    worker.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            raise UnsafeRdf(f"parsing took more than {seconds:g} s (GEOKG_RDF_PARSE_TIMEOUT_S); "
                            "split the file")
        try:
            outcome, value = receiver.recv()
        except (EOFError, OSError):
            raise UnsafeRdf(f"the parser stopped after {time.monotonic() - started:.1f} s "
                            f"(out of its {memory_mb} MB?); split the file") from None
    finally:
        worker.kill()
        worker.join()
        receiver.close()
    if outcome == "invalid":
        raise InvalidRdf(value)
    if outcome != "ok":
        raise UnsafeRdf(value)
    return value


def check_size(path: Path, max_bytes: int) -> None:
    size = path.stat().st_size
    if size > max_bytes:
        raise UnsafeRdf(f"{size} bytes, over the limit of {max_bytes} (GEOKG_RDF_MAX_BYTES); "
                        "split the file, or export a window of the graph")
