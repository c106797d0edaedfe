"""The SQLite store: schema, idempotence, quarantine, search, and nothing lost on a crash."""

from __future__ import annotations

import sqlite3

import pytest

from sitrep import ingest, pipeline, store
from sitrep.errors import StoreError
from sitrep.records import InputFailure

TEXTS = [
    "“The town of Martuni was shelled at dawn,” said Shushan Stepanyan.",
    "Vagif Dargahli said that the Azerbaijani army had repelled every attack.",
    "“Talks must resume at once,” Sergei Lavrov told reporters in Moscow.",
]


def extraction(text: str, resources, path: str = "<text>"):
    return pipeline.extract(ingest.from_text(text, path=path, language="en"), resources)


def test_schema_is_versioned_and_wal(tmp_path):
    conn = store.connect(tmp_path / "s.db")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    again = store.connect(tmp_path / "s.db")  # reopening migrates nothing and loses nothing
    assert store.counts(again) == {"documents": 0, "statements": 0, "claims": 0, "quantities": 0,
                                   "events": 0, "quarantine": 0}


def test_save_is_idempotent_and_keeps_raw_bytes(tmp_path, resources):
    conn = store.connect(tmp_path / "s.db")
    first = extraction(TEXTS[0], resources)
    assert store.save(conn, first).status == "ingested"
    assert store.save(conn, first).status == "unchanged"
    assert store.counts(conn) == {"documents": 1, "statements": 1, "claims": 1, "quantities": 0,
                                  "events": 0, "quarantine": 0}
    (claim,) = store.claims(conn)
    assert (claim["claimant"], claim["action"], claim["target"], claim["polarity"]) == (
        "Shushan Stepanyan", "shell", "town of Martuni", "asserted")
    raw = conn.execute("SELECT raw FROM documents").fetchone()[0]
    assert raw == TEXTS[0].encode("utf-8")
    (row,) = store.statements(conn)
    assert (row["speaker"], row["role"], row["country"], row["direct"], row["text"]) == (
        "Shushan Stepanyan", "Spokesperson", "ARM", 1, "The town of Martuni was shelled at dawn,")


def test_statement_filters_and_full_text_search(tmp_path, resources):
    conn = store.connect(tmp_path / "s.db")
    for number, text in enumerate(TEXTS):
        store.save(conn, extraction(text, resources, f"doc{number}.txt"))
    assert [r["speaker"] for r in store.statements(conn, country="aze")] == ["Vagif Dargahli"]
    assert [r["speaker"] for r in store.statements(conn, speaker="lavrov")] == ["Sergei Lavrov"]
    assert [r["path"] for r in store.search(conn, "Martuni")] == ["doc0.txt"]
    with pytest.raises(StoreError, match="bad search query"):
        store.search(conn, '"unbalanced')


def test_quarantine_counts_repeats(tmp_path):
    conn = store.connect(tmp_path / "s.db")
    failure = InputFailure("bad.json", "malformed JSON: Expecting value at line 1", b"{")
    store.quarantine(conn, failure)
    store.quarantine(conn, failure)
    row = conn.execute("SELECT path, problem, raw, attempts FROM quarantine").fetchone()
    assert tuple(row) == ("bad.json", "malformed JSON: Expecting value at line 1", b"{", 2)


def test_a_crash_mid_batch_loses_nothing_committed_and_a_rerun_finishes(tmp_path, resources):
    path = tmp_path / "s.db"
    conn = store.connect(path)
    batch = [extraction(t, resources, f"doc{n}.txt") for n, t in enumerate(TEXTS)]
    with pytest.raises(RuntimeError):
        for number, item in enumerate(batch):
            if number == 2:
                raise RuntimeError("power cut")
            store.save(conn, item)
    conn.close()
    conn = store.connect(path)
    assert store.counts(conn)["documents"] == 2
    statuses = [store.save(conn, item).status for item in batch]
    assert statuses == ["unchanged", "unchanged", "ingested"]


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database " * 50, encoding="utf-8")
    with pytest.raises(StoreError, match="not a usable sitrep database"):
        store.connect(path)
    assert path.read_text(encoding="utf-8").startswith("these are my notes")


def test_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "future.db"
    sqlite3.connect(path).execute("PRAGMA user_version = 99")
    with pytest.raises(StoreError, match="newer than this sitrep"):
        store.connect(path)
