"""Watching a source: poll an RSS/Atom feed or a folder and store what is new.

A feed is fetched with conditional requests (If-None-Match and If-Modified-Since from the last
answer's ETag and Last-Modified), so an unchanged feed costs one "304 Not Modified". A folder
is listed again and only files whose size or modification time changed are read. A document
already stored is recognised by its text and not parsed again, so nothing is stored twice.
After a failed poll (network error, HTTP error status, folder gone) the wait doubles, up to
`MAX_BACKOFF` times the interval; a good poll brings it back to the interval.
"""

from __future__ import annotations

import sqlite3
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sitrep import __version__, batch, ingest, pipeline
from sitrep.records import Document, InputFailure
from sitrep.settings import Settings

MAX_BACKOFF = 32
_TIMEOUT = 30.0


@dataclass(frozen=True)
class Poll:
    """What one poll did, and how long until the next."""

    number: int
    status: str
    tally: batch.Tally
    wait: float
    failed: bool = False


@dataclass
class _State:
    """What the source said last time: validators for a feed, file stamps for a folder."""

    etag: str | None = None
    modified: str | None = None
    stamps: dict[str, tuple[int, int]] = field(default_factory=dict)
    failures: int = 0


def watch(
    source: str,
    settings: Settings,
    conn: sqlite3.Connection,
    interval: float,
    max_polls: int | None = None,
    report: Callable[[Poll], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    report_item: batch.Report | None = None,
) -> list[Poll]:
    """Poll `source` (an http(s) feed URL or a folder) every `interval` seconds, storing new
    documents, until `max_polls` polls (forever when None). Returns the polls made.
    `report` hears of each poll, `report_item` of each document or failure stored."""
    submit = batch.in_process(pipeline.load_resources(settings))
    state = _State()
    polls: list[Poll] = []
    number = 0
    while max_polls is None or number < max_polls:
        number += 1
        try:
            status, items = _fetch(source, settings, state)
            tally = batch.store_items(items, settings, conn, submit, 1, report_item)
            state.failures = 0
            failed = False
        except _PollError as exc:
            status, tally, failed = str(exc), batch.Tally(), True
            state.failures += 1
        wait = interval * min(2 ** state.failures, MAX_BACKOFF)
        poll = Poll(number, status, tally, wait, failed)
        polls.append(poll)
        if report is not None:
            report(poll)
        if max_polls is None or number < max_polls:
            sleep(wait)
    return polls


class _PollError(Exception):
    """A poll that failed as a whole; the message says why, in one line."""


def _fetch(
    source: str, settings: Settings, state: _State
) -> tuple[str, Iterable[Document | InputFailure]]:
    if source.startswith(("http://", "https://")):
        return _fetch_feed(source, settings, state)
    return _scan_folder(Path(source), settings, state)


def _fetch_feed(
    url: str, settings: Settings, state: _State
) -> tuple[str, list[Document | InputFailure]]:
    request = urllib.request.Request(url, headers={"User-Agent": f"sitrep/{__version__}"})
    if state.etag:
        request.add_header("If-None-Match", state.etag)
    if state.modified:
        request.add_header("If-Modified-Since", state.modified)
    try:
        with urllib.request.urlopen(request, timeout=_TIMEOUT) as answer:
            body = answer.read(settings.max_bytes + 1)
            etag, modified = answer.headers.get("ETag"), answer.headers.get("Last-Modified")
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return "304 not modified", []
        raise _PollError(f"{url}: HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise _PollError(f"{url}: cannot fetch ({reason})") from None
    if len(body) > settings.max_bytes:
        raise _PollError(f"{url}: feed is over the {settings.max_bytes} byte limit (max_bytes)")
    state.etag, state.modified = etag, modified
    return "200 fetched", list(ingest.from_content(url, body))


def _scan_folder(
    folder: Path, settings: Settings, state: _State
) -> tuple[str, Iterable[Document | InputFailure]]:
    if not folder.is_dir():
        raise _PollError(f"{folder}: no such folder")
    stamps: dict[str, tuple[int, int]] = {}
    changed: list[str] = []
    for path in ingest.expand([str(folder)]):
        try:
            info = Path(path).stat()
        except OSError:
            continue  # removed while listing; the next poll sees it or not
        stamps[path] = (info.st_size, info.st_mtime_ns)
        if state.stamps.get(path) != stamps[path]:
            changed.append(path)
    state.stamps = stamps
    return f"{len(changed)} new or changed files", ingest.read(changed, settings)
