"""``geokg sync gdelt`` against a GDELT-shaped feed the tests generate and serve on 127.0.0.1 (and
from ``file://``): every slice loaded once, a bad one reported by name and never half-loaded,
tried again by the next run, and a run killed with SIGKILL resumed without loading anything twice."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from neo4j import Driver
from typer.testing import CliRunner

from api.cli import app
from graph.settings import Settings
from loaders.gdelt_feed.lists import parse_line, parse_time, read_listing
from tests.commands import geokg
from tests.gdelt_feed import Feed, event_id, serve, stamp

runner = CliRunner()
PROJECT = Path(__file__).resolve().parent.parent


def _slices(driver: Driver, settings: Settings) -> dict[str, dict]:
    records, _, _ = driver.execute_query(
        "MATCH (s:FeedSlice) RETURN s.slice AS slice, s.status AS status, s.reason AS reason, "
        "s.attempts AS attempts, s.created AS created, s.skipped AS skipped, s.filtered AS filtered",
        database_=settings.neo4j_database)
    return {r["slice"]: dict(r) for r in records}


def _events(driver: Driver, settings: Settings) -> set[str]:
    records, _, _ = driver.execute_query("MATCH (e:Event) RETURN e.id AS id",
                                         database_=settings.neo4j_database)
    return {r["id"] for r in records}


def _mention_claims(driver: Driver, settings: Settings) -> int:
    records, _, _ = driver.execute_query("MATCH (c:Claim) WHERE c.mention RETURN count(c) AS n",
                                         database_=settings.neo4j_database)
    return records[0]["n"]


def _sync(base_url: str, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["sync", "gdelt", "--base-url", base_url, "--since", stamp(0), *args])
    return result.exit_code, result.output


def _flat(output: str) -> str:
    """Output as one line: rich wraps it at the terminal's width."""
    return " ".join(output.split())


def _flat_sync(base_url: str, *args: str) -> tuple[int, str]:
    code, output = _sync(base_url, *args)
    return code, _flat(output)


def test_the_lists_lines_are_read_and_the_slices_chosen():
    line = "150383 297a16b493de7cf6ca809a7cc31d0b93 http://data.gdeltproject.org/gdeltv2/20150218230000.export.CSV.zip"
    file = parse_line(line)
    assert file is not None and (file.size, file.kind, file.name) == (150383, "export", line.rsplit("/")[-1])
    assert parse_line(line.replace("export.CSV", "gkg.csv")) is None  # a GKG file: not events
    with pytest.raises(ValueError):
        parse_line("150383 http://data.gdeltproject.org/gdeltv2/20150218230000.export.CSV.zip")
    times = ("20150218224500", "20150218230000", "20150218231500")
    lines = [line.replace("20150218230000", t) for t in times]
    listing = read_listing([*lines, "garbage", ""], since="20150218230000", until="20150218230000")
    assert list(listing.slices) == ["20150218230000"] and listing.bad_lines == 1
    assert parse_time("2015-02-18T23:00") == parse_time("20150218230000") == "20150218230000"
    with pytest.raises(ValueError):
        parse_time("yesterday")


def test_every_slice_loads_once_and_a_rerun_loads_nothing(empty_graph: Driver, settings: Settings,
                                                           tmp_path: Path):
    feed = Feed(tmp_path / "feed", slices=4).write()
    with serve(feed.root) as base_url:
        code, output = _sync(base_url)
        assert code == 0, output
        assert _events(empty_graph, settings) == feed.expected_events()
        slices = _slices(empty_graph, settings)
        assert set(slices) == {stamp(n) for n in range(4)}
        assert all(s["status"] == "loaded" and s["attempts"] == 1 for s in slices.values())
        assert all(s["skipped"] >= 1 for s in slices.values())  # each cites an event never published
        claims = _mention_claims(empty_graph, settings)
        # each slice's events, and the previous slice's first: loaded before its mentions
        assert claims == 4 * feed.events + 3
        code, output = _sync(base_url)
        assert code == 0 and "0 slice(s) loaded" in output and "4 already loaded" in output
    assert _mention_claims(empty_graph, settings) == claims
    assert all(s["attempts"] == 1 for s in _slices(empty_graph, settings).values())


def test_bad_slices_are_named_never_half_loaded_and_tried_again(empty_graph: Driver, settings: Settings,
                                                                tmp_path: Path):
    feed = Feed(tmp_path / "feed", slices=6)
    feed.wrong_md5 = {feed.name(1, "mentions")}  # its export is good: it must not be loaded alone
    feed.write()
    feed.truncate(3, "export")
    feed.relist()
    gone = feed.remove(2, "mentions")  # listed, 404
    drops = {feed.name(4, "export"): 1, feed.name(5, "export"): 99}  # once (retried), always
    with serve(feed.root, drops) as base_url:
        code, output = _sync(base_url)
    assert code == 2
    flat = " ".join(output.split())
    assert f"{feed.name(1, 'mentions')}: MD5" in flat
    assert f"{feed.name(2, 'mentions')}: not found (404)" in flat
    assert f"{feed.name(3, 'export')}: not a readable zip" in flat
    assert f"{feed.name(5, 'export')}:" in flat and "tries" in flat
    slices = _slices(empty_graph, settings)
    assert {s for s, r in slices.items() if r["status"] == "loaded"} == {stamp(0), stamp(4)}
    assert {s for s, r in slices.items() if r["status"] == "failed"} == {stamp(n) for n in (1, 2, 3, 5)}
    loaded_events = {e for e in feed.expected_events() if e.startswith(("gdelt:13000000", "gdelt:13000040"))}
    assert _events(empty_graph, settings) == loaded_events  # nothing of a failed slice
    status = runner.invoke(app, ["sync", "status"])
    assert "loaded: 2" in status.output and "failed: 4" in status.output and "missing: 0" in status.output

    # the feed repaired: the next run loads the four, and only them
    feed.wrong_md5 = set()
    (feed.root / feed.name(2, "mentions")).write_bytes(gone)
    feed.write()
    with serve(feed.root) as base_url:
        code, output = _sync(base_url)
    assert code == 0, output
    assert "4 slice(s) loaded" in output and "2 already loaded" in output
    assert _events(empty_graph, settings) == feed.expected_events()
    slices = _slices(empty_graph, settings)
    assert all(r["status"] == "loaded" for r in slices.values())
    # the two loaded the first time were not loaded again; each failed one was loaded once, now
    attempts = {stamp(n): 1 if n in (0, 4) else 2 for n in range(6)}
    assert {s: r["attempts"] for s, r in slices.items()} == attempts
    # each slice's mentions of its events and of the previous slice's first, none doubled; but
    # slice 4's mention of slice 3's event was skipped when 4 loaded (3 had failed), and stays so
    assert _mention_claims(empty_graph, settings) == 6 * feed.events + 5 - 1


def test_a_file_url_feed_loads_and_status_names_the_gaps(empty_graph: Driver, settings: Settings,
                                                         tmp_path: Path):
    feed = Feed(tmp_path / "feed", slices=3).write()
    result = runner.invoke(app, ["sync", "gdelt", "--base-url", feed.root.as_uri() + "/",
                                 "--since", stamp(0)])
    assert result.exit_code == 0, result.output
    assert _events(empty_graph, settings) == feed.expected_events()
    status = runner.invoke(app, ["sync", "status", "--since", stamp(0), "--until", stamp(4)])
    assert "loaded: 3" in status.output and "missing: 2" in status.output
    assert stamp(3) in status.output and stamp(4) in status.output


def _subprocess_env(tmp_path: Path) -> dict[str, str]:
    """The command's environment; its download folders go in the test's own temporary folder (a
    killed sync cannot remove its own)."""
    return {**os.environ, "PYTHONPATH": str(PROJECT), "GEOKG_BATCH_SIZE": "2", "TMPDIR": str(tmp_path)}


def test_a_sync_killed_mid_way_resumes_and_loads_nothing_twice(empty_graph: Driver, settings: Settings,
                                                               tmp_path: Path):
    feed = Feed(tmp_path / "feed", slices=10, events=40).write()
    with serve(feed.root) as base_url:
        command = [geokg(), "sync", "gdelt", "--base-url", base_url, "--since", stamp(0)]
        process = subprocess.Popen(command, env=_subprocess_env(tmp_path), stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and len(_slices(empty_graph, settings)) < 3:
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
        process.wait(30)
        before = _slices(empty_graph, settings)
        assert 3 <= len(before) < 10, "the run ended before it could be killed mid-way"
        rerun = subprocess.run(command, env=_subprocess_env(tmp_path), capture_output=True, text=True,
                               timeout=300)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert f"{len(before)} already loaded" in rerun.stdout
    after = _slices(empty_graph, settings)
    assert set(after) == {stamp(n) for n in range(10)}
    assert all(r["status"] == "loaded" and r["attempts"] == 1 for r in after.values())
    assert _events(empty_graph, settings) == feed.expected_events()
    assert _mention_claims(empty_graph, settings) == 10 * feed.events + 9


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_follow_polls_and_stops_cleanly_on_a_signal(empty_graph: Driver, settings: Settings, tmp_path: Path,
                                                     stop: signal.Signals):
    feed = Feed(tmp_path / "feed", slices=2).write()
    with serve(feed.root) as base_url:
        process = subprocess.Popen([geokg(), "sync", "gdelt", "--base-url", base_url, "--follow",
                                    "--interval", "1"], env=_subprocess_env(tmp_path), stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and stamp(1) not in _slices(empty_graph, settings):
            time.sleep(0.1)
        time.sleep(1.5)  # at least one more poll, which finds the slice loaded
        process.send_signal(stop)
        output, _ = process.communicate(timeout=30)
    assert process.returncode == 0, output
    assert f"{stop.name}: stopping" in output and "1 already loaded" in output
    # lastupdate.txt names the latest slice only: the one loaded
    assert set(_slices(empty_graph, settings)) == {stamp(1)}
    assert f"gdelt:{event_id(1, 0)}" in _events(empty_graph, settings)


def test_a_list_that_cannot_be_read_is_named(empty_graph: Driver, tmp_path: Path):
    (tmp_path / "empty").mkdir()
    with serve(tmp_path / "empty") as base_url:
        code, output = _sync(base_url)
    assert code == 2
    assert "cannot read the list: masterfilelist.txt: not found (404)" in " ".join(output.split())


def test_sync_takes_the_load_filters_and_counts_what_they_left_out(empty_graph: Driver, settings: Settings,
                                                                   tmp_path: Path):
    # each slice holds one event of each of the four dyads: USA-RUS (044) is one in four
    feed = Feed(tmp_path / "feed", slices=3, events=4).write()
    usa = {f"gdelt:{event_id(n, i)}" for n in range(3) for i in range(4) if (n + i) % 4 == 3}
    prk_first = {f"gdelt:{event_id(n, i)}" for n in range(3) for i in range(4) if (n + i) % 4 == 1}
    with serve(feed.root) as base_url:
        code, output = _flat_sync(base_url, "--cameo-root", "99")
        assert code == 2 and "--cameo-root: 99" in output and not _slices(empty_graph, settings)
        code, output = _flat_sync(base_url, "--event-since", "2025-13")
        assert code == 2 and "--event-since:" in output

        code, output = _flat_sync(base_url, "--countries", "usa")
        assert code == 0, output
        assert _events(empty_graph, settings) == usa
        # 3 events of each slice left out, and the mentions of them skipped, none rejected
        assert output.count("0 rejected") == 3 and output.count("3 filtered out") == 3
        slices = _slices(empty_graph, settings)
        assert all(r["status"] == "loaded" and r["filtered"] == 3 for r in slices.values())
        status = _flat(runner.invoke(app, ["sync", "status"]).output)
        assert "9 filtered" in status and "0 rejected" in status
        assert "3 loaded under countries=USA" in status

        code, output = _flat_sync(base_url, "--countries", "USA")  # the same filter: nothing to do
        assert code == 0 and "0 slice(s) loaded" in output and "3 already loaded" in output
        code, output = _flat_sync(base_url, "--cameo-root", "5")  # another: each slice again, under it
        assert code == 0 and "3 slice(s) loaded" in output and "3 loaded before under other filters" in output
        assert _events(empty_graph, settings) == usa | prk_first
        code, output = _flat_sync(base_url)  # unfiltered: everything
        assert code == 0 and "3 slice(s) loaded" in output
        assert _events(empty_graph, settings) == feed.expected_events()
        code, output = _flat_sync(base_url, "--min-mentions", "4")  # what an unfiltered load holds already
        assert code == 0 and "3 already loaded" in output
    status = _flat(runner.invoke(app, ["sync", "status"]).output)
    assert "3 loaded unfiltered" in status and "3 loaded under cameo_root=05" in status


def test_a_signal_mid_run_ends_it_after_the_slice_being_loaded(empty_graph: Driver, settings: Settings,
                                                               tmp_path: Path):
    feed = Feed(tmp_path / "feed", slices=10, events=40).write()
    with serve(feed.root) as base_url:
        command = [geokg(), "sync", "gdelt", "--base-url", base_url, "--since", stamp(0)]
        process = subprocess.Popen(command, env=_subprocess_env(tmp_path), stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and len(_slices(empty_graph, settings)) < 2:
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=60)
        assert process.returncode == 0, output
        recorded = _slices(empty_graph, settings)
        assert 2 <= len(recorded) < 10, "the run ended before the signal"
        # the slice being loaded was finished and recorded: what is in the graph is whole slices
        assert _events(empty_graph, settings) == {
            f"gdelt:{event_id(n, i)}" for n in range(10) if stamp(n) in recorded for i in range(feed.events)}
        assert f"{len(recorded)} slice(s) loaded" in " ".join(output.split())
        rerun = subprocess.run(command, env=_subprocess_env(tmp_path), capture_output=True, text=True,
                               timeout=300)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert f"{len(recorded)} already loaded" in rerun.stdout
    assert all(r["attempts"] == 1 for r in _slices(empty_graph, settings).values())
    assert _events(empty_graph, settings) == feed.expected_events()
