"""Streaming batch ingest: bounded batches in flight, reading order kept, stored documents
skipped, and the same records whatever the number of worker processes."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from sitrep import batch, ingest, store
from sitrep.records import Document, Extraction, InputFailure
from sitrep.settings import load_settings

from .conftest import EXAMPLES
from .storedump import rows


class _Outstanding:
    """A fake future that counts how many batches are handed out and not yet collected."""

    open_now = 0
    most = 0

    def __init__(self, documents: list[Document]) -> None:
        self.documents = documents
        _Outstanding.open_now += 1
        _Outstanding.most = max(_Outstanding.most, _Outstanding.open_now)

    def result(self) -> list[Extraction | InputFailure]:
        _Outstanding.open_now -= 1
        return [Extraction(document=d) for d in self.documents]


def _corpus(folder: Path, count: int) -> Path:
    for number in range(count):
        (folder / f"note-{number:03d}.txt").write_text(
            f"Note {number}\n\nThe ministry said the border crossing {number} was closed.\n",
            "utf-8",
        )
    (folder / "empty.txt").write_text("", "utf-8")
    return folder


def test_batches_in_flight_are_bounded_and_results_stored_in_reading_order(tmp_path):
    (tmp_path / "in").mkdir()
    folder = _corpus(tmp_path / "in", 50)
    settings = load_settings(environ={}, batch_size=4)
    conn = store.connect(tmp_path / "s.db")
    order: list[str] = []
    _Outstanding.open_now = _Outstanding.most = 0
    items = ingest.read([str(folder)], settings)
    tally = batch.store_items(items, settings, conn, _Outstanding, 3,
                              lambda item, status: order.append(item_path(item)))
    assert (tally.ingested, tally.unchanged, tally.quarantined) == (50, 0, 1)
    assert _Outstanding.most == 3
    expected = sorted(str(p) for p in folder.iterdir())
    assert sorted(order) == expected
    documents = [p for p in order if not p.endswith("empty.txt")]
    assert documents == sorted(documents)


def item_path(item: Extraction | InputFailure) -> str:
    return item.path if isinstance(item, InputFailure) else item.document.path


def test_a_second_run_parses_nothing_already_stored(tmp_path):
    folder = _corpus(tmp_path, 10)
    settings = load_settings(environ={}, batch_size=4)
    conn = store.connect(tmp_path / "s.db")
    batch.store_items(ingest.read([str(folder)], settings), settings, conn, _Outstanding, 2)
    submitted: list[Document] = []

    def submit(documents: list[Document]) -> _Outstanding:
        submitted.extend(documents)
        return _Outstanding(documents)

    tally = batch.store_items(ingest.read([str(folder)], settings), settings, conn, submit,
                              2)
    assert submitted == []
    assert (tally.ingested, tally.unchanged, tally.quarantined) == (0, 10, 1)


def test_a_document_the_stages_fail_on_is_quarantined_and_the_batch_goes_on(tmp_path):
    folder = _corpus(tmp_path, 3)
    settings = load_settings(environ={}, batch_size=2)
    conn = store.connect(tmp_path / "s.db")

    class Failing(_Outstanding):
        def result(self) -> list[Extraction | InputFailure]:
            done = super().result()
            return [InputFailure(done[0].document.path, "pipeline failed (boom)"), *done[1:]]

    tally = batch.store_items(ingest.read([str(folder)], settings), settings, conn, Failing,
                              1)
    assert (tally.ingested, tally.quarantined) == (1, 3)
    problems = [r["problem"] for r in conn.execute("SELECT problem FROM quarantine")]
    assert problems.count("pipeline failed (boom)") == 2


@pytest.mark.slow
def test_two_worker_processes_store_exactly_the_records_of_a_serial_run(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, corpus)
    (corpus / "empty.txt").write_text("", "utf-8")
    settings = load_settings(environ={}, batch_size=4)
    serial, parallel = tmp_path / "serial.db", tmp_path / "parallel.db"
    one = batch.ingest_all([str(corpus)], replace(settings, db=str(serial)),
                           store.connect(serial), workers=1)
    two = batch.ingest_all([str(corpus)], replace(settings, db=str(parallel)),
                           store.connect(parallel), workers=2)
    assert (one.ingested, one.quarantined) == (two.ingested, two.quarantined) == (17, 1)
    serial_rows, parallel_rows = rows(serial), rows(parallel)
    assert len(serial_rows["claims"]) > 100
    assert serial_rows == parallel_rows
