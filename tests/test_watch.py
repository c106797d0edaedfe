"""sitrep watch: a feed served on loopback by the test, polled with conditional requests,
with backoff after errors and no duplicates; and a folder where only new files are read."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sitrep import store, watch
from sitrep.settings import load_settings

ITEMS = [
    ("Shelling reported near the northern checkpoint",
     "The defence ministry said artillery shelled the northern checkpoint overnight."),
    ("Talks to resume on Monday",
     "The foreign minister said negotiators would meet again on Monday."),
    ("Drone downed over the valley",
     "Air defence units shot down a drone over the valley, the army said."),
]


def _rss(count: int) -> bytes:
    items = "".join(
        f"<item><title>{title}</title><link>http://example.org/{n}</link>"
        f"<description>{body}</description>"
        f"<pubDate>Mon, 0{n + 1} Mar 2021 08:00:00 GMT</pubDate></item>"
        for n, (title, body) in enumerate(ITEMS[:count])
    )
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Front news</title>'
            f"{items}</channel></rss>").encode()


class _Feed:
    """What the loopback server serves, and what it was asked."""

    def __init__(self) -> None:
        self.body = _rss(2)
        self.fail_next = 0
        self.requests: list[tuple[str | None, int]] = []


@pytest.fixture
def feed() -> Iterator[tuple[_Feed, str]]:
    state = _Feed()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
            etag = '"' + hashlib.sha256(state.body).hexdigest()[:16] + '"'
            asked = self.headers.get("If-None-Match")
            if state.fail_next:
                state.fail_next -= 1
                code = 503
            else:
                code = 304 if asked == etag else 200
            state.requests.append((asked, code))
            self.send_response(code)
            if code == 200:
                self.send_header("ETag", etag)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", str(len(state.body)))
            self.end_headers()
            if code == 200:
                self.wfile.write(state.body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state, f"http://127.0.0.1:{server.server_port}/feed.xml"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.slow
def test_feed_polls_are_conditional_back_off_after_errors_and_store_nothing_twice(
    tmp_path, feed
):
    state, url = feed
    settings = load_settings(environ={}, db=str(tmp_path / "s.db"))
    conn = store.connect(settings.db)
    waits: list[float] = []

    def between_polls(seconds: float) -> None:
        waits.append(seconds)
        if len(waits) == 2:
            state.body = _rss(3)  # a third item appears
        if len(waits) == 3:
            state.fail_next = 2  # the server is down for two polls

    polls = watch.watch(url, settings, conn, interval=10, max_polls=6, sleep=between_polls)
    seen = [(p.status, p.tally.ingested, p.tally.unchanged, p.failed) for p in polls]
    assert seen == [
        ("200 fetched", 2, 0, False),
        ("304 not modified", 0, 0, False),
        ("200 fetched", 1, 2, False),
        (f"{url}: HTTP 503 Service Unavailable", 0, 0, True),
        (f"{url}: HTTP 503 Service Unavailable", 0, 0, True),
        ("304 not modified", 0, 0, False),
    ]
    assert waits == [10, 10, 10, 20, 40]
    first_etag = state.requests[0]
    assert first_etag[0] is None and state.requests[1][0] is not None
    assert [code for _, code in state.requests] == [200, 304, 200, 503, 503, 304]
    titles = sorted(row["title"] for row in conn.execute("SELECT title FROM documents"))
    assert titles == sorted(title for title, _ in ITEMS)
    (claim,) = store.claims(conn, action="shoot_down")
    assert (claim["claimant"], claim["target"]) == ("Armed Forces", "drone")


def test_a_folder_poll_reads_only_new_or_changed_files(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.txt").write_text("The ministry said the road was open.", "utf-8")
    settings = load_settings(environ={}, db=str(tmp_path / "s.db"))
    conn = store.connect(settings.db)

    def add_files(seconds: float) -> None:
        if not (folder / "b.txt").exists():
            (folder / "b.txt").write_text("The army said two villages were shelled.", "utf-8")
            (folder / "empty.txt").write_text("", "utf-8")

    polls = watch.watch(str(folder), settings, conn, interval=0, max_polls=3, sleep=add_files)
    seen = [(p.status, p.tally.ingested, p.tally.unchanged, p.tally.quarantined)
            for p in polls]
    assert seen == [
        ("1 new or changed files", 1, 0, 0),
        ("2 new or changed files", 1, 0, 1),
        ("0 new or changed files", 0, 0, 0),
    ]
    assert store.counts(conn)["documents"] == 2


def test_a_missing_folder_is_a_failed_poll_with_backoff(tmp_path):
    settings = load_settings(environ={}, db=str(tmp_path / "s.db"))
    waits: list[float] = []
    polls = watch.watch(str(tmp_path / "nowhere"), settings, store.connect(settings.db),
                        interval=1, max_polls=7, sleep=waits.append)
    assert all(p.failed for p in polls)
    assert polls[0].status == f"{Path(tmp_path / 'nowhere')}: no such folder"
    assert waits == [2, 4, 8, 16, 32, 32]


def test_watch_from_the_shell_says_why_each_poll_failed_and_exits_2(tmp_path):
    missing = tmp_path / "nowhere"
    done = subprocess.run(
        [sys.executable, "-c", "from sitrep.cli import main; main()", "watch", str(missing),
         "--db", str(tmp_path / "s.db"), "--max-polls", "2", "--interval", "0"],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"sitrep: poll 1 failed: {missing}: no such folder · next in 0 s",
        f"sitrep: poll 2 failed: {missing}: no such folder · next in 0 s",
    ]


def test_watch_reconciles_what_a_poll_brings(tmp_path):
    from click.testing import CliRunner

    from sitrep.cli import cli

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "strike.txt").write_text(
        "Azerbaijan's defence ministry said Armenian forces shelled the town of Tartar on "
        "Monday, killing two civilians.", "utf-8")
    db = str(tmp_path / "w.db")
    done = CliRunner().invoke(cli, ["watch", str(folder), "--db", db, "--once"])
    assert done.exit_code == 0, done.output
    assert "ingested 1" in done.output and " events" in done.output
    assert store.counts(store.connect(db))["events"] >= 1
