"""The happenings layer: which records (``:Event`` nodes) report one real-world event.

``matching`` holds the rule, pure Python over ``Report`` values, with its thresholds as data in
``rules.toml`` (loaded by ``rules``); docs/happenings.md explains it. It may import ``graph``'s root
modules and ``graph.store``/``graph.read``.
"""
