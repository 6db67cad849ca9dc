"""Read endpoints under load: one client's p50/p99, then requests/s and p99 with 8 clients (wrk),
next to a trivial FastAPI endpoint served the same way (the ceiling of the box), as a ratio.

Point it at a served API holding a big graph (e.g. the synthetic one of ``bench/load_speed.py``;
the busiest actors of its power law are ``syn_actor_0`` and ``syn_actor_1``):

    geokg serve --workers 2 &
    python bench/read_load.py http://127.0.0.1:8000 --a syn_actor_0 --b syn_actor_1 --month 2024-06

The trivial endpoint runs in a uvicorn of its own started by this script with the same options
(``--workers``, uvicorn's default loop and HTTP parser) on ``--trivial-port``. Without ``wrk`` on the
PATH, only the one-client figures are printed.
"""

from __future__ import annotations

import argparse
import calendar
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from urllib.parse import urlencode

import httpx

TRIVIAL_APP = '''
from fastapi import FastAPI

def create_app() -> FastAPI:
    app = FastAPI()

    @app.get("/trivial")
    async def trivial() -> dict[str, str]:
        return {"status": "ok"}

    return app
'''


@dataclass
class Row:
    label: str
    path: str
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    rps: float | None = None
    wrk_p99_ms: float | None = None
    errors: int = 0


def endpoints(a: str, b: str, month: str, year: str) -> list[tuple[str, str]]:
    """(label, path with query) of the read endpoints, for the busiest actors and one month."""
    y, m = (int(part) for part in month.split("-"))
    last = f"{month}-{calendar.monthrange(y, m)[1]:02d}"
    window = urlencode({"since": f"{month}-01", "until": last})
    return [
        ("health", "/health"),
        ("actor", f"/actors/{a}"),
        ("pair timeline, 1 month", f"/relationships/{a}/{b}?{window}"),
        ("counterparts, 1 month", f"/actors/{a}/relationships?{window}"),
        ("events of actor since year", f"/events?{urlencode({'actor': a, 'since': year})}"),
        ("events, 1 month", f"/events?{window}"),
        ("network, 1 month", f"/network?{window}"),
        ("centrality, 1 month", f"/analytics/centrality?{window}"),
        ("pair series, monthly, 1 year", f"/relationships/{a}/{b}/series?"
         + urlencode({"since": year, "until": year, "interval": "month"})),
        ("actor series, monthly, 1 year", f"/actors/{a}/series?"
         + urlencode({"since": year, "until": year, "interval": "month"})),
        ("shifts around actor", "/analytics/shifts?"
         + urlencode({"actor": a, "a_since": str(int(year) - 1), "a_until": str(int(year) - 1),
                      "b_since": year, "b_until": year})),
    ]


def one_client(client: httpx.Client, path: str, repeat: int) -> tuple[float, float]:
    client.get(path).raise_for_status()  # warm: plan cache, page cache, connection
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(path).raise_for_status()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return statistics.median(timings), timings[min(len(timings) - 1, round(0.99 * (len(timings) - 1)))]


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url: str, connections: int, seconds: int) -> tuple[float, float, int]:
    """Requests/s, p99 in ms and the count of failed or non-2xx responses, from one wrk run."""
    out = subprocess.run(["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--latency", url],
                         capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses:\s+(\d+)", out))
    errors += sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    return rps, float(p99.group(1)) * _UNITS[p99.group(2)] if p99 else float("nan"), errors


def serve_trivial(port: int, workers: int) -> subprocess.Popen[bytes]:
    """A trivial FastAPI app in uvicorn, as `geokg serve` runs the API (factory, workers)."""
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp(prefix="geokg-trivial-"))
    (folder / "trivial_app.py").write_text(TRIVIAL_APP, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "trivial_app:create_app", "--factory", "--port", str(port),
         "--workers", str(workers), "--log-level", "warning", "--no-access-log"],
        cwd=folder, stdout=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            httpx.get(f"http://127.0.0.1:{port}/trivial", timeout=1).raise_for_status()
            return process
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the trivial app did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base_url", nargs="?", default="http://127.0.0.1:8000")
    parser.add_argument("--a", default="syn_actor_0", help="the busiest actor")
    parser.add_argument("--b", default="syn_actor_1", help="its busiest counterpart")
    parser.add_argument("--month", default="2024-06", help="the one-month window, YYYY-MM")
    parser.add_argument("--repeat", type=int, default=50, help="one-client calls per endpoint")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--seconds", type=int, default=5, help="wrk duration per endpoint")
    parser.add_argument("--workers", type=int, default=1,
                        help="workers the API runs with (the trivial app runs with as many)")
    parser.add_argument("--trivial-port", type=int, default=18999)
    parser.add_argument("--only", help="a regular expression: the endpoints (labels) to measure")
    args = parser.parse_args()
    rows = [Row(label, path) for label, path in endpoints(args.a, args.b, args.month, args.month[:4])
            if not args.only or re.search(args.only, label)]
    with httpx.Client(base_url=args.base_url, timeout=60) as client:
        for row in rows:
            row.p50_ms, row.p99_ms = one_client(client, row.path, args.repeat)
    has_wrk = shutil.which("wrk") is not None
    trivial_rps = None
    if has_wrk:
        for row in rows:
            row.rps, row.wrk_p99_ms, row.errors = wrk(args.base_url + row.path, args.connections,
                                                      args.seconds)
        trivial = serve_trivial(args.trivial_port, args.workers)
        try:
            trivial_rps, trivial_p99, _ = wrk(f"http://127.0.0.1:{args.trivial_port}/trivial",
                                              args.connections, args.seconds)
        finally:
            trivial.terminate()
            trivial.wait()
    print(f"{'endpoint':<31} {'p50 ms':>7} {'p99 ms':>7} {'req/s c' + str(args.connections):>9} "
          f"{'p99 ms':>7} {'of trivial':>10} {'errors':>6}")
    for row in rows:
        ratio = f"{row.rps / trivial_rps:.1%}" if row.rps and trivial_rps else "-"
        rps = f"{row.rps:.0f}" if row.rps is not None else "-"
        wrk_p99 = f"{row.wrk_p99_ms:.0f}" if row.wrk_p99_ms is not None else "-"
        print(f"{row.label:<31} {row.p50_ms:>7.1f} {row.p99_ms:>7.1f} {rps:>9} {wrk_p99:>7} {ratio:>10} "
              f"{row.errors:>6}")
    if trivial_rps:
        print(f"{'trivial FastAPI (async)':<31} {'':>7} {'':>7} {trivial_rps:>9.0f} {trivial_p99:>7.0f} "
              f"{'100.0%':>10}")
    print(f"base {args.base_url}, a={args.a}, b={args.b}, month={args.month}, "
          f"{args.repeat} calls one client, "
          f"wrk {args.connections} connections {args.seconds} s, workers {args.workers}")


if __name__ == "__main__":
    main()
