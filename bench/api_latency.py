"""Median and 95th-percentile latency of every read endpoint, measured over HTTP.

Run against a served API holding the seed graph (``scripts/up`` in another shell):

    python bench/api_latency.py --base-url http://127.0.0.1:8000 --repeat 50
"""

from __future__ import annotations

import argparse
import statistics
import time

import httpx

ENDPOINTS: list[tuple[str, dict[str, str]]] = [
    ("/health", {}),
    ("/actors", {"q": "بوتين"}),
    ("/actors", {"q": "putin"}),
    ("/actors/vladimir_putin", {}),
    ("/actors/prk/relationships", {"since": "2025", "until": "2025"}),
    ("/actors/prk/relationships", {"as_of": "2025-01-01"}),
    ("/relationships/kim_jong_un/vladimir_putin", {}),
    ("/events", {"actor": "prk", "since": "2024"}),
    ("/events/ev:2025-08-12-kim-putin-call", {}),
    ("/network", {"since": "2024", "until": "2025"}),
    ("/network", {"since": "2024", "until": "2025", "format": "graphml"}),
    ("/paths", {"from": "kim_jong_un", "to": "donald_trump", "since": "2025"}),
    ("/analytics/centrality", {"since": "2024", "until": "2025"}),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    with httpx.Client(base_url=args.base_url, timeout=30) as client:
        print(f"{'endpoint':<62} {'median ms':>10} {'p95 ms':>8}")
        for path, params in ENDPOINTS:
            client.get(path, params=params).raise_for_status()  # warm up caches and the plan
            timings = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                client.get(path, params=params).raise_for_status()
                timings.append((time.perf_counter() - started) * 1000)
            timings.sort()
            p95 = timings[int(0.95 * (len(timings) - 1))]
            label = path + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")
            print(f"{label:<62} {statistics.median(timings):>10.1f} {p95:>8.1f}")


if __name__ == "__main__":
    main()
