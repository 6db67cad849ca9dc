"""Schemathesis hooks (``SCHEMATHESIS_HOOKS=tests.schemathesis_hooks``): what OpenAPI cannot say.

A query parameter's schema stands alone, so the schema cannot state that ``as_of`` excludes
``since``/``until``, that ``since`` comes before ``until``, that a date is a real calendar day
(2025-02-30 matches the pattern), or that a cursor is one the API issued. Generated queries are
mapped to respect these, so a schema-valid request is a valid one; every check stays on.
"""

from __future__ import annotations

from typing import Any

import schemathesis

from graph.temporal import PartialDate, TimeWindow


def _is_date(value: Any) -> bool:
    try:
        PartialDate.parse(value)
    except (TypeError, ValueError):
        return False
    return True


def valid_query(query: dict[str, Any]) -> dict[str, Any]:
    """The query, minus what only a schema-valid but meaningless query holds."""
    query = dict(query)
    query.pop("cursor", None)  # only the API makes cursors
    for name in ("since", "until", "as_of"):
        if name in query and not _is_date(query[name]):
            query.pop(name)  # matches the pattern, but no such day
    if "as_of" in query and ("since" in query or "until" in query):
        query.pop("as_of")
    if "since" in query and "until" in query:
        try:
            TimeWindow(since=query["since"], until=query["until"])
        except ValueError:
            query["since"], query["until"] = query["until"], query["since"]
    return query


@schemathesis.hook
def before_call(context: Any, case: Any, kwargs: dict[str, Any]) -> None:
    """Positive cases only (in every phase): negative ones keep what makes them invalid."""
    meta = getattr(case, "meta", None)
    if meta is not None and meta.generation.mode == "positive" and case.query:
        case.query = valid_query(case.query)
