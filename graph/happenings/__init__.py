"""Happenings: one per real-world event, grouping the records (``Event`` nodes) that report it.

``matching`` and ``rules`` hold the rule as pure Python (docs/happenings.md); ``summary`` what a
happening says of itself from its members; ``attach`` files records under their blocking keys and
regroups them as they are written (called by graph/store/write_batches.py); ``rebuild`` recomputes
a window or the whole graph. Imports the domain and ``queries`` only, so ``graph/store`` may call it.
"""
