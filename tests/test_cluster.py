"""Dask: partitions extracted on a LocalCluster come back as Parquet shards and are stored
exactly as a serial run stores them; a shard gives back every record it was given."""

from __future__ import annotations

import logging
import shutil
from dataclasses import replace

import pytest

from sitrep import batch, cluster, ingest, pipeline, shards, store
from sitrep.records import InputFailure
from sitrep.settings import load_settings

from .conftest import EXAMPLES
from .storedump import rows


def test_a_shard_gives_back_every_record_and_failure(resources):
    text = "“Our air defence shot down two drones over Stepanakert,” said Shushan Stepanyan."
    document = ingest.from_text(text, path="a.txt", language="en", published="2020-10-04")
    extraction = pipeline.extract(document, resources)
    assert extraction.claims and extraction.statements and extraction.places
    failure = InputFailure("b.json", "malformed JSON: unexpected end", raw=b"{\xff")
    assert shards.read(shards.write([extraction, failure])) == [extraction, failure]


@pytest.mark.slow
def test_a_local_dask_cluster_stores_exactly_the_records_of_a_serial_run(tmp_path):
    from distributed import LocalCluster

    corpus = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, corpus)
    (corpus / "broken.json").write_text("{", "utf-8")
    settings = load_settings(environ={}, batch_size=5)
    serial, on_dask = tmp_path / "serial.db", tmp_path / "dask.db"
    one = batch.ingest_all([str(corpus)], replace(settings, db=str(serial)),
                           store.connect(serial))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None, silence_logs=logging.ERROR) as local:
        two = cluster.ingest_all([str(corpus)], replace(settings, db=str(on_dask)),
                                 store.connect(on_dask), local.scheduler_address)
    assert (one.ingested, one.quarantined) == (two.ingested, two.quarantined) == (17, 1)
    serial_rows = rows(serial)
    assert len(serial_rows["claims"]) > 100
    assert rows(on_dask) == serial_rows
