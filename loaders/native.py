"""The native format: JSON Lines (one record a line) or a JSON array of the same records.

Reading never stops at a bad record: each one yields a ``RecordError`` naming its file, line and
field, and every good record is still returned.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from graph.model import RECORD_ADAPTER, StoredRecord
from loaders.report import RecordError

AnyRecord = StoredRecord


@dataclass(frozen=True)
class LocatedRecord:
    record: AnyRecord
    file: str
    line: int


def native_format_schema() -> str:
    """The JSON Schema of one record of the native format, generated from the pydantic models."""
    schema = RECORD_ADAPTER.json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "geokg native record (one per JSON Lines line, or per element of a JSON array)"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _raw_lines(text: str) -> Iterator[tuple[int, Any]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as error:
                yield number, error


def _raw_array(text: str) -> Iterator[tuple[int, Any]]:
    """The elements of a top-level JSON array, each with the line it starts on."""
    decoder = json.JSONDecoder()
    position = len(text) - len(text.lstrip())
    if not text.startswith("[", position):
        yield text.count("\n", 0, position) + 1, ValueError("a .json file holds an array of records")
        return
    position += 1
    while True:
        while position < len(text) and text[position] in " \t\r\n,":
            position += 1
        if position >= len(text) or text[position] == "]":
            return
        line = text.count("\n", 0, position) + 1
        try:
            value, position = decoder.raw_decode(text, position)
        except json.JSONDecodeError as error:
            rest = text.count("\n", position) + 1
            yield line, ValueError(f"{error}; the array cannot be followed past it, so its last "
                                   f"{rest} line(s) were not read")
            return
        yield line, value


def _field(location: tuple[int | str, ...], raw: dict[str, Any]) -> str:
    """A readable field path (``when.start``, ``participants[1].actor``) from a pydantic location."""
    parts = list(location)
    if parts and parts[0] == raw.get("record"):
        parts = parts[1:]  # the discriminated union's tag
    path = ""
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "(record)"


def parse_records(
    raw_records: Iterable[tuple[int, Any]], file: str
) -> tuple[list[LocatedRecord], list[RecordError]]:
    """Validate raw records (each with its line, or its position in a request body)."""
    records: list[LocatedRecord] = []
    errors: list[RecordError] = []
    for line, raw in raw_records:
        if isinstance(raw, Exception):
            errors.append(RecordError(file=file, line=line, field="(json)", reason=str(raw)))
            continue
        if not isinstance(raw, dict):
            errors.append(RecordError(file=file, line=line, field="(record)",
                                      reason="not a JSON object"))
            continue
        try:
            record = RECORD_ADAPTER.validate_python(raw)
        except ValidationError as error:
            record_id = raw.get("id") if isinstance(raw.get("id"), str) else None
            kind = str(raw["record"]) if isinstance(raw.get("record"), str) else "record"
            for detail in error.errors():
                errors.append(
                    RecordError(
                        kind=kind, file=file, line=line, field=_field(detail["loc"], raw),
                        reason=detail["msg"], record_id=record_id,
                    )
                )
            continue
        records.append(LocatedRecord(record=record, file=file, line=line))
    return records, errors


def read_native(path: Path) -> tuple[list[LocatedRecord], list[RecordError]]:
    """Every valid record of the file, and an error for every invalid one (or for the file)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return [], [RecordError(file=str(path), line=0, field="(file)", reason=str(error))]
    raw_records = _raw_array(text) if path.suffix == ".json" else _raw_lines(text)
    return parse_records(raw_records, str(path))


def read_files(paths: list[Path]) -> tuple[list[LocatedRecord], list[RecordError]]:
    """The records and errors of several files, in order."""
    records: list[LocatedRecord] = []
    errors: list[RecordError] = []
    for path in paths:
        file_records, file_errors = read_native(path)
        records.extend(file_records)
        errors.extend(file_errors)
    return records, errors
