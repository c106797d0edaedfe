"""The examples corpus in a store, for the tests of the layers that only read (export, report,
web). Two events are written the way reconcile stores them, with fixed ids the tests name: the
Ganja strike (Azerbaijan's account, with its count of nine civilians killed, and Armenia's
denial) and the shelling of Stepanakert the same night."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sitrep import pipeline, store
from sitrep.records import Extraction

from .conftest import EXAMPLES

GANJA = "ev-ganja-2020-10-10"
STEPANAKERT = "ev-stepanakert-2020-10-10"


def build_examples_db(path: Path, resources: pipeline.Resources) -> Path:
    conn = store.connect(path)
    for item in pipeline.run((str(EXAMPLES),), resources, None):
        assert isinstance(item, Extraction), item
        store.save(conn, item)
    _add_events(conn)
    conn.close()
    return path


def _claim_id(conn: sqlite3.Connection, document: str, evidence: str, action: str) -> int:
    """The first claim of `action` in `document` whose evidence starts with `evidence`."""
    row = conn.execute(
        """SELECT c.id FROM claims c JOIN documents d ON d.id = c.document_id
           WHERE d.path LIKE ? AND c.evidence LIKE ? AND c.action = ? ORDER BY c.seq""",
        (f"%{document}", f"{evidence}%", action)).fetchone()
    return row[0]


def _add_events(conn: sqlite3.Connection) -> None:
    strike = _claim_id(conn, "ganja-strike.txt", "that an Armenian missile had hit", "kill")
    denial = _claim_id(
        conn, "ganja-strike-arm.txt", "claims that Armenian forces", "attack_missile")
    shelled = _claim_id(conn, "ganja-strike-arm.txt", "that Stepanakert came under", "shell")
    reported = _claim_id(conn, "ganja-strike.txt", "The authorities in Nagorno-Karabakh", "shell")
    with conn:
        conn.executemany(
            "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(GANJA, "attack_missile", "attack", "2020-10-10", None, "Ganja", 40.68157,
              46.36134, 1, "ARM", "AZE", "contested", "Armenia denies it", 2, 2),
             (STEPANAKERT, "shell", "attack", "2020-10-10", None, "Stepanakert", 39.8153,
              46.7519, 1, "AZE", "ARM", "single_source", "only Armenia's side reports it", 2, 2)])
        conn.executemany(
            "INSERT INTO event_claims VALUES (?, ?, ?)",
            [(GANJA, strike, "AZE"), (GANJA, denial, "ARM"), (STEPANAKERT, shelled, "ARM"),
             (STEPANAKERT, reported, None)])
