"""The native format: JSON Lines (one record a line) or a JSON array of the same records.

Reading never stops at a bad record: each one yields a ``RecordError`` naming its file, line and
field, and every good record is still returned. Files are read a record at a time
(``loaders.json_stream``): nesting depth, record size and encoding are checked before parsing.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from graph.model import RECORD_ADAPTER
from loaders.files import data_name, open_binary
from loaders.json_stream import JsonArrayReader, json_lines
from loaders.progress import ReadProgress
from loaders.records import LocatedRecord
from loaders.report import RecordError


def native_format_schema() -> str:
    """The JSON Schema of one record of the native format, generated from the pydantic models."""
    schema = RECORD_ADAPTER.json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "geokg native record (one per JSON Lines line, or per element of a JSON array)"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _field(location: tuple[int | str, ...], raw: dict[str, Any]) -> str:
    """A readable field path (``when.start``, ``participants[1].actor``) from a pydantic location."""
    parts = list(location)
    if parts and parts[0] == raw.get("record"):
        parts = parts[1:]  # the discriminated union's tag
    path = ""
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "(record)"


def validate_record(line: int, raw: Any, file: str) -> LocatedRecord | list[RecordError]:
    """One raw record (a decoded JSON value, or the exception that stopped its decoding) as a
    validated record, or the errors that name its fields."""
    if isinstance(raw, Exception):
        return [RecordError(file=file, line=line, field="(json)", reason=str(raw))]
    if not isinstance(raw, dict):
        return [RecordError(file=file, line=line, field="(record)", reason="not a JSON object")]
    try:
        return LocatedRecord(record=RECORD_ADAPTER.validate_python(raw), file=file, line=line)
    except ValidationError as error:
        record_id = raw.get("id") if isinstance(raw.get("id"), str) else None
        kind = str(raw["record"]) if isinstance(raw.get("record"), str) else "record"
        return [
            RecordError(kind=kind, file=file, line=line, field=_field(detail["loc"], raw),
                        reason=detail["msg"], record_id=record_id)
            for detail in error.errors()
        ]


def parse_records(
    raw_records: Iterable[tuple[int, Any]], file: str
) -> tuple[list[LocatedRecord], list[RecordError]]:
    """Validate raw records (each with its line, or its position in a request body)."""
    records: list[LocatedRecord] = []
    errors: list[RecordError] = []
    for line, raw in raw_records:
        outcome = validate_record(line, raw, file)
        if isinstance(outcome, LocatedRecord):
            records.append(outcome)
        else:
            errors.extend(outcome)
    return records, errors


def iter_native(path: Path, progress: ReadProgress | None = None) -> Iterator[LocatedRecord | RecordError]:
    """The file's records one at a time, in constant memory: each valid record, and an error for
    every invalid one (or for the file). JSON Lines is read a line at a time, a ``.json`` array
    an element at a time; a UTF-8 BOM is skipped; a bad byte spoils only its own record."""
    file = str(path)
    try:
        with open_binary(path, progress) as stream:
            if data_name(path).lower().endswith(".json"):
                raw_records: Iterable[tuple[int, Any]] = (
                    (line, raw) for line, _, raw in JsonArrayReader(stream))
            else:
                raw_records = json_lines(stream)
            for line, raw in raw_records:
                outcome = validate_record(line, raw, file)
                if isinstance(outcome, LocatedRecord):
                    yield outcome
                else:
                    yield from outcome
    except (OSError, ValueError, zipfile.BadZipFile) as error:
        yield RecordError(file=file, line=0, field="(file)", reason=str(error))


def read_native(path: Path) -> tuple[list[LocatedRecord], list[RecordError]]:
    """Every valid record of the file, and an error for every invalid one (or for the file)."""
    records: list[LocatedRecord] = []
    errors: list[RecordError] = []
    for item in iter_native(path):
        (records if isinstance(item, LocatedRecord) else errors).append(item)  # type: ignore[arg-type]
    return records, errors


def read_files(paths: list[Path]) -> tuple[list[LocatedRecord], list[RecordError]]:
    """The records and errors of several files, in order."""
    records: list[LocatedRecord] = []
    errors: list[RecordError] = []
    for path in paths:
        file_records, file_errors = read_native(path)
        records.extend(file_records)
        errors.extend(file_errors)
    return records, errors
