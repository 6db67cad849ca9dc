"""Schemathesis hooks (``SCHEMATHESIS_HOOKS=tests.schemathesis_hooks``): what OpenAPI cannot say.

A query parameter's schema stands alone, so the schema cannot state that ``as_of`` excludes
``since``/``until``, that ``since`` comes before ``until``, that a date is a real calendar day
(2025-02-30 matches the pattern), that a series window holds at most MAX_BUCKETS buckets, or
that a cursor is one the API issued. Generated queries are
mapped to respect these, so a schema-valid request is a valid one; every check stays on.
"""

from __future__ import annotations

from typing import Any

import schemathesis

from graph.read.buckets import MAX_BUCKETS, Interval, count_buckets
from graph.temporal import PartialDate, TimeWindow

#: Series windows stand for at most MAX_BUCKETS buckets; an open bound reaches as far as the data.
OPEN_SINCE, OPEN_UNTIL = "0001", "9999"


def _is_date(value: Any) -> bool:
    try:
        PartialDate.parse(value)
    except (TypeError, ValueError):
        return False
    return True


def valid_query(query: dict[str, Any], series: bool = False) -> dict[str, Any]:
    """The query, minus what only a schema-valid but meaningless query holds."""
    query = dict(query)
    query.pop("cursor", None)  # only the API makes cursors
    for name in ("since", "until", "as_of", "a_since", "a_until", "b_since", "b_until"):
        if name in query and not _is_date(query[name]):
            query.pop(name)  # matches the pattern, but no such day
    if "as_of" in query and ("since" in query or "until" in query):
        query.pop("as_of")
    for prefix in ("", "a_", "b_"):  # the window, and the two periods of /analytics/shifts
        since, until = f"{prefix}since", f"{prefix}until"
        if since in query and until in query:
            try:
                TimeWindow(since=query[since], until=query[until])
            except ValueError:
                query[since], query[until] = query[until], query[since]
    if series and _too_many_buckets(query):
        query.pop("as_of", None)
        query["since"], query["until"] = "2024", "2025"
    return query


def _too_many_buckets(query: dict[str, Any]) -> bool:
    if "as_of" in query:
        window = TimeWindow(since=OPEN_SINCE, until=query["as_of"])
    else:
        window = TimeWindow(since=query.get("since", OPEN_SINCE), until=query.get("until", OPEN_UNTIL))
    since, until = window.event_bounds
    assert since is not None and until is not None
    return count_buckets(since, until, Interval(query.get("interval", "month"))) > MAX_BUCKETS


@schemathesis.hook
def before_call(context: Any, case: Any, kwargs: dict[str, Any]) -> None:
    """Positive cases only (in every phase): negative ones keep what makes them invalid."""
    meta = getattr(case, "meta", None)
    if meta is not None and meta.generation.mode == "positive" and case.query:
        case.query = valid_query(case.query, series="/series" in case.operation.path)
