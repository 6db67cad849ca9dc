"""Benchmark scripts, run by hand (and ``python -m bench`` at its smallest size in CI)."""
