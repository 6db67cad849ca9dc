"""Happenings: one per real-world event, grouping the records (``:Event`` nodes) that report it.

``matching`` holds the rule, pure Python over ``Report`` values (``report``, ``sides``), with its
thresholds as data in ``rules.toml`` (loaded by ``rules``); docs/happenings.md explains it.
``summary`` says what a happening says of itself from its members; ``attach`` files records under
their blocking keys and regroups them as they are written (called by graph/store/write_batches.py,
in the writing transaction); ``rebuild`` recomputes a window or the whole graph. Imports the
domain (``graph``'s root) and ``queries`` only, so that ``graph/store`` may call it.
"""
