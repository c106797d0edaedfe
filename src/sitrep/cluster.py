"""Ingest on a Dask cluster: partitions of the corpus go to Dask workers, which load the
models once each and send their partition's extractions back as a Parquet shard; the shards
are loaded into the store from this process, in reading order, exactly as a serial run would
store them. `scheduler` is a Dask scheduler's address, or "local" for a cluster of `workers`
processes on this machine.
"""

from __future__ import annotations

import itertools
import logging
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from distributed import Client, LocalCluster

from sitrep import batch, ingest, shards
from sitrep.errors import SitrepError
from sitrep.records import Document, Extraction, InputFailure
from sitrep.settings import Settings


def ingest_all(
    paths: Iterable[str],
    settings: Settings,
    conn: sqlite3.Connection,
    scheduler: str,
    published: str | None = None,
    workers: int = 2,
    report: batch.Report | None = None,
) -> batch.Tally:
    """Read `paths` here, extract on the cluster, store here; see the module's note."""
    return ingest_items(ingest.read(paths, settings, published), settings, conn, scheduler,
                        workers, report)


def ingest_items(
    items: Iterable[Document | InputFailure],
    settings: Settings,
    conn: sqlite3.Connection,
    scheduler: str,
    workers: int = 2,
    report: batch.Report | None = None,
) -> batch.Tally:
    """`ingest_all` for documents already read."""
    with _client(scheduler, workers) as client, tempfile.TemporaryDirectory(
        prefix="sitrep-shards-"
    ) as folder:
        numbers = itertools.count()
        cluster_workers = max(1, len(client.scheduler_info()["workers"]))

        def submit(documents: list[Document]) -> _Shard:
            future = client.submit(extract_partition, documents, settings, pure=False)
            return _Shard(future, Path(folder) / f"part-{next(numbers):06d}.parquet")

        return batch.store_items(items, settings, conn, submit,
                                 cluster_workers * batch.IN_FLIGHT_PER_WORKER, report)


def extract_partition(documents: list[Document], settings: Settings) -> bytes:
    """On a Dask worker: a partition's extractions as a Parquet shard."""
    return shards.write(batch.extract_in_worker(documents, settings))


@dataclass(frozen=True)
class _Shard:
    """A partition on the cluster; its result is the shard, written here and read back."""

    future: Any
    path: Path

    def result(self) -> list[Extraction | InputFailure]:
        self.path.write_bytes(self.future.result())
        try:
            return shards.read(self.path.read_bytes())
        finally:
            self.path.unlink()


@contextmanager
def _client(scheduler: str, workers: int) -> Iterator[Any]:
    if scheduler == "local":
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          dashboard_address=None, silence_logs=logging.ERROR) as local, \
                Client(local) as client:
            yield client
        return
    try:
        client = Client(scheduler, timeout=30)
    except OSError as exc:
        raise SitrepError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from None
    with client:
        yield client
