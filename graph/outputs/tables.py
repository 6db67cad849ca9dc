"""Series as spreadsheets: nested figures flattened into CSV columns named by their path.

``quad_classes.verbal_cooperation`` is the column of ``{"quad_classes": {"verbal_cooperation": …}}``;
a list becomes its items joined by spaces, ``None`` an empty cell. Every row has the same keys,
and the header comes from a template record of the same shape.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from typing import Any


def flatten(record: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    cells: dict[str, str] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            cells.update(flatten(value, f"{name}."))
        elif isinstance(value, list):
            cells[name] = " ".join(str(item) for item in value)
        elif value is None:
            cells[name] = ""
        elif isinstance(value, bool):
            cells[name] = "true" if value else "false"
        else:
            cells[name] = str(value)
    return cells


def to_csv(records: Sequence[Mapping[str, Any]], template: Mapping[str, Any]) -> str:
    """The records (JSON-ready dicts) as CSV text; the header comes from ``template``, a record
    of the same shape, so that an empty series still has its columns."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(flatten(template)), lineterminator="\n")
    writer.writeheader()
    writer.writerows(flatten(record) for record in records)
    return out.getvalue()
