"""The examples corpus in a store, ingested and reconciled as `sitrep ingest` does, for the tests
of the layers that only read (export, report, web)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sitrep import pipeline, reconcile, store
from sitrep.records import Extraction

from .conftest import EXAMPLES


def build_examples_db(path: Path, resources: pipeline.Resources) -> Path:
    conn = store.connect(path)
    for item in pipeline.run((str(EXAMPLES),), resources, None):
        assert isinstance(item, Extraction), item
        store.save(conn, item)
    reconcile.update_store(conn, reconcile.load_sides(resources.actors))
    conn.close()
    return path


def event_id(db: Path | str, day: str, action: str, location: str) -> str:
    """The id reconcile gave the event of `action` at `location` on `day`."""
    conn = sqlite3.connect(db)
    (found,) = conn.execute(
        "SELECT id FROM events WHERE date = ? AND action = ? AND location = ?",
        (day, action, location)).fetchall()
    conn.close()
    return found[0]
