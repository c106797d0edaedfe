"""Streaming ingest of a corpus of any size: read, parse in batches, store.

Documents are read one at a time (folders are walked lazily), gathered into batches of
`batch_size`, and each batch is parsed either in this process or in a worker process (`workers`
> 1, each loading the spaCy pipelines once) or on a Dask cluster (see `sitrep.cluster`). Only
this process writes to the store, one transaction per document, in reading order, so the
records do not depend on how many workers there were. At most two batches per worker are in
flight, so memory stays bounded whatever the corpus size. A document already stored is not
parsed again: killing the run at any moment and re-running it finishes the rest.
"""

from __future__ import annotations

import multiprocessing
import sqlite3
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Protocol

from sitrep import ingest, pipeline, store
from sitrep.records import Document, Extraction, InputFailure
from sitrep.settings import Settings

IN_FLIGHT_PER_WORKER = 2


@dataclass
class Tally:
    """What one ingest run did."""

    ingested: int = 0
    unchanged: int = 0
    quarantined: int = 0
    seconds: float = 0.0

    @property
    def documents(self) -> int:
        return self.ingested + self.unchanged

    @property
    def rate(self) -> float:
        """Documents read per second."""
        return (self.documents + self.quarantined) / self.seconds if self.seconds else 0.0


class Pending(Protocol):
    """A batch on its way: anything with `result()` (a concurrent or a Dask future)."""

    def result(self) -> list[Extraction | InputFailure]: ...


Submit = Callable[[list[Document]], Pending]
Report = Callable[[Extraction | InputFailure, str], None]


def ingest_all(
    paths: Iterable[str],
    settings: Settings,
    conn: sqlite3.Connection,
    published: str | None = None,
    workers: int = 1,
    report: Report | None = None,
) -> Tally:
    """Read, extract and store everything under `paths` with `workers` processes.

    `report(item, status)` is called for each document or failure once it is stored, with the
    status "ingested", "unchanged" or "quarantined".
    """
    return ingest_items(ingest.read(paths, settings, published), settings, conn, workers,
                        report)


def ingest_items(
    items: Iterable[Document | InputFailure],
    settings: Settings,
    conn: sqlite3.Connection,
    workers: int = 1,
    report: Report | None = None,
) -> Tally:
    """`ingest_all` for documents already read (a feed's items, a benchmark's corpus)."""
    if workers <= 1:
        resources = pipeline.load_resources(settings)
        return store_items(items, settings, conn, in_process(resources), 1, report)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=worker_resources,
                             initargs=(settings,)) as pool:
        def submit(docs: list[Document]) -> Future[list[Extraction | InputFailure]]:
            return pool.submit(extract_in_worker, docs, settings)

        return store_items(items, settings, conn, submit, workers * IN_FLIGHT_PER_WORKER,
                           report)


def store_items(
    items: Iterable[Document | InputFailure],
    settings: Settings,
    conn: sqlite3.Connection,
    submit: Submit,
    in_flight: int,
    report: Report | None = None,
) -> Tally:
    """Hand new documents among `items` to `submit` a batch at a time (at most `in_flight`
    batches outstanding) and store the results, and the failures, in reading order."""
    tally = Tally()
    started = time.perf_counter()

    def note(item: Extraction | InputFailure, status: str) -> None:
        setattr(tally, status, getattr(tally, status) + 1)
        tally.seconds = time.perf_counter() - started
        if report is not None:
            report(item, status)

    pending: deque[Pending] = deque()
    for batch in _new_batches(items, settings, conn, note):
        pending.append(submit(batch))
        while len(pending) >= in_flight:
            _store(conn, pending.popleft().result(), note)
    while pending:
        _store(conn, pending.popleft().result(), note)
    tally.seconds = time.perf_counter() - started
    return tally


def in_process(resources: pipeline.Resources) -> Submit:
    """Extract each batch here and now (the serial run)."""
    return lambda documents: _Done(pipeline.extract_batch(documents, resources))


def _new_batches(
    items: Iterable[Document | InputFailure],
    settings: Settings,
    conn: sqlite3.Connection,
    note: Callable[[Extraction | InputFailure, str], None],
) -> Iterator[list[Document]]:
    """Batches of documents not yet stored; failures and known documents are stored here."""
    batch: list[Document] = []
    for item in items:
        if isinstance(item, InputFailure):
            store.quarantine(conn, item)
            note(item, "quarantined")
        elif store.has_document(conn, item.id):
            extraction = Extraction(document=item)
            note(extraction, store.save(conn, extraction).status)
        else:
            batch.append(item)
            if len(batch) >= settings.batch_size:
                yield batch
                batch = []
    if batch:
        yield batch


def _store(
    conn: sqlite3.Connection,
    results: list[Extraction | InputFailure],
    note: Callable[[Extraction | InputFailure, str], None],
) -> None:
    for item in results:
        if isinstance(item, InputFailure):
            store.quarantine(conn, item)
            note(item, "quarantined")
        else:
            note(item, store.save(conn, item).status)


@dataclass(frozen=True)
class _Done:
    """A batch extracted in this process: already a result."""

    value: list[Extraction | InputFailure]

    def result(self) -> list[Extraction | InputFailure]:
        return self.value


_WORKER: dict[Settings, pipeline.Resources] = {}


def worker_resources(settings: Settings) -> pipeline.Resources:
    """This process's resources for `settings`, loaded on first use and then kept."""
    if settings not in _WORKER:
        _WORKER[settings] = pipeline.load_resources(settings)
    return _WORKER[settings]


def extract_in_worker(
    documents: list[Document], settings: Settings
) -> list[Extraction | InputFailure]:
    """`pipeline.extract_batch` with this process's resources (run in a worker process)."""
    return pipeline.extract_batch(documents, worker_resources(settings))
