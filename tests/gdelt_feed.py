"""A GDELT-2.0-shaped feed the sync tests generate in a temporary folder, and a local HTTP server
for it: the 15-minute slices' export and mentions zips, ``masterfilelist.txt`` and
``lastupdate.txt`` (``size md5 url`` lines), and the ways a real feed goes wrong (a wrong MD5 in
the list, a slice listed but missing, a truncated zip, a server dropping the connection mid-file).
No network beyond 127.0.0.1."""

from __future__ import annotations

import hashlib
import http.server
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from loaders.gdelt import EVENT_COLUMNS, MENTION_COLUMNS

GDELT_URL = "http://data.gdeltproject.org/gdeltv2/"
FIRST = datetime(2025, 8, 13, 12, 0, tzinfo=UTC)
#: The seed story's dyads, one per event of a slice in turn.
_DYADS = [("RUSGOV", "VLADIMIR PUTIN", "RUS", "GOV", "PRKGOV", "KIM JONG UN", "PRK", "GOV", "041"),
          ("PRK", "NORTH KOREA", "PRK", "", "RUS", "RUSSIA", "RUS", "", "051"),
          ("RUSGOV", "SERGEI SHOIGU", "RUS", "GOV", "PRK", "NORTH KOREA", "PRK", "", "042"),
          ("USAGOV", "DONALD TRUMP", "USA", "GOV", "RUSGOV", "VLADIMIR PUTIN", "RUS", "GOV", "044")]


def stamp(n: int) -> str:
    return (FIRST + timedelta(minutes=15 * n)).strftime("%Y%m%d%H%M%S")


def event_id(n: int, i: int) -> str:
    return str(1_300_000_000 + n * 1000 + i)


def export_rows(n: int, events: int) -> list[str]:
    rows = []
    for i in range(events):
        a1, n1, c1, t1, a2, n2, c2, t2, code = _DYADS[(n + i) % len(_DYADS)]
        row = dict.fromkeys(EVENT_COLUMNS, "")
        day = stamp(n)[:8]
        row.update(GLOBALEVENTID=event_id(n, i), SQLDATE=day, MonthYear=day[:6], Year=day[:4],
                   FractionDate="2025.6137", Actor1Code=a1, Actor1Name=n1, Actor1CountryCode=c1,
                   Actor1Type1Code=t1, Actor2Code=a2, Actor2Name=n2, Actor2CountryCode=c2,
                   Actor2Type1Code=t2, IsRootEvent="1", EventCode=code, EventBaseCode=code[:3],
                   EventRootCode=code[:2], QuadClass="1", GoldsteinScale="1.0", NumMentions="3",
                   NumSources="2", NumArticles="3", AvgTone="-1.5", ActionGeo_Type="1",
                   ActionGeo_FullName="Russia", ActionGeo_CountryCode="RS", ActionGeo_FeatureID="RS",
                   DATEADDED=stamp(n), SOURCEURL=f"https://tass.com/politics/{event_id(n, i)}")
        rows.append("\t".join(row[c] for c in EVENT_COLUMNS))
    return rows


def mention_rows(n: int, events: int) -> list[str]:
    """A mention of each of the slice's events, one of the previous slice's first event (loaded
    by then) and one of an event never published (skipped)."""
    cited = [event_id(n, i) for i in range(events)] + ([event_id(n - 1, 0)] if n else [])
    cited.append(str(1_200_000_000 + n))
    rows = []
    for i, cited_id in enumerate(cited):
        row = dict.fromkeys(MENTION_COLUMNS, "")
        row.update(GLOBALEVENTID=cited_id, EventTimeDate=stamp(n), MentionTimeDate=stamp(n),
                   MentionType="1", MentionSourceName="yna.co.kr",
                   MentionIdentifier=f"https://en.yna.co.kr/view/{stamp(n)}-{i}", SentenceID="1",
                   InRawText="1", Confidence="80", MentionDocLen="1000", MentionDocTone="-1.0")
        rows.append("\t".join(row[c] for c in MENTION_COLUMNS))
    return rows


def _zip(path: Path, member: str, lines: list[str]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, "\n".join(lines) + "\n")


def _md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest()


@dataclass
class Feed:
    """The feed's folder and what it holds: ``slices`` slices of ``events`` events each."""

    root: Path
    slices: int
    events: int = 3
    wrong_md5: set[str] = field(default_factory=set)  # files listed with another MD5

    def name(self, n: int, kind: str) -> str:
        return f"{stamp(n)}.{kind}.CSV.zip"

    def write(self) -> Feed:
        self.root.mkdir(parents=True, exist_ok=True)
        for n in range(self.slices):
            _zip(self.root / self.name(n, "export"), f"{stamp(n)}.export.CSV", export_rows(n, self.events))
            _zip(self.root / self.name(n, "mentions"), f"{stamp(n)}.mentions.CSV",
                 mention_rows(n, self.events))
        return self.relist()

    def relist(self) -> Feed:
        """The lists as the files are now (a file removed afterwards stays listed: a 404)."""
        lines = []
        for n in range(self.slices):
            for kind in ("export", "mentions", "gkg"):
                name = self.name(n, kind)
                path = self.root / name
                if kind == "gkg":  # listed by GDELT, never loaded
                    lines.append(f"1234 {'0' * 32} {GDELT_URL}{name}")
                    continue
                digest = "f" * 32 if name in self.wrong_md5 else _md5(path)
                lines.append(f"{path.stat().st_size} {digest} {GDELT_URL}{name}")
        (self.root / "masterfilelist.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        (self.root / "lastupdate.txt").write_text("\n".join(lines[-3:]) + "\n", encoding="utf-8")
        return self

    def truncate(self, n: int, kind: str) -> None:
        """Cut a zip in half (relist: its size and MD5 then check, its zip does not)."""
        path = self.root / self.name(n, kind)
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])

    def remove(self, n: int, kind: str) -> bytes:
        path = self.root / self.name(n, kind)
        data = path.read_bytes()
        path.unlink()
        return data

    def expected_events(self) -> set[str]:
        return {f"gdelt:{event_id(n, i)}" for n in range(self.slices) for i in range(self.events)}


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the feed's folder; a file in ``drops`` is cut off mid-body that many more times."""

    drops: dict[str, int]

    def log_message(self, *_: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        name = self.path.lstrip("/")
        if self.drops.get(name, 0) > 0:
            self.drops[name] -= 1
            data = (Path(self.directory) / name).read_bytes()
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[: len(data) // 3])
            self.wfile.flush()
            self.close_connection = True
            return
        super().do_GET()


@contextmanager
def serve(root: Path, drops: dict[str, int] | None = None) -> Iterator[str]:
    """A threaded HTTP server on a free port serving ``root``; yields its base URL."""
    handler = type("Handler", (_Handler,), {"drops": drops if drops is not None else {}})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), lambda *args: handler(*args, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
