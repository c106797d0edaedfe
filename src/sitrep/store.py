"""Store: the SQLite file. Versioned schema, one transaction per document, nothing lost.

Reads and writes records only; it never processes text.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sitrep.errors import StoreError
from sitrep.output import claim_json, statement_json
from sitrep.records import Extraction, InputFailure

MIGRATIONS: tuple[str, ...] = (
    # 1: documents, statements, problems, quarantine, full-text search
    """
    CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        path TEXT NOT NULL,
        uri TEXT NOT NULL,
        url TEXT,
        title TEXT,
        title_language TEXT,
        language TEXT NOT NULL,
        published TEXT,
        published_precision TEXT NOT NULL,
        published_source TEXT,
        kind TEXT NOT NULL,
        encoding TEXT NOT NULL,
        text TEXT NOT NULL,
        raw BLOB NOT NULL,
        lexicon_version TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE TABLE statements (
        id INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        speaker TEXT NOT NULL,
        speaker_as_written TEXT NOT NULL,
        speaker_kind TEXT,
        role TEXT,
        organisation TEXT,
        country TEXT,
        polity TEXT,
        cameo TEXT,
        channel TEXT,
        direct INTEGER NOT NULL,
        cue TEXT,
        attribution TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        speaker_start INTEGER,
        speaker_end INTEGER,
        text TEXT NOT NULL,
        UNIQUE (document_id, seq)
    );
    CREATE INDEX statements_speaker ON statements(speaker);
    CREATE INDEX statements_country ON statements(country);
    CREATE TABLE problems (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        stage TEXT NOT NULL,
        message TEXT NOT NULL
    );
    CREATE TABLE quarantine (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL,
        problem TEXT NOT NULL,
        raw BLOB,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 1,
        UNIQUE (path, problem)
    );
    CREATE TABLE sources (
        path TEXT NOT NULL,
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        seen_at TEXT NOT NULL,
        PRIMARY KEY (path, document_id)
    );
    CREATE VIRTUAL TABLE documents_fts USING fts5(
        title, text, content='documents', content_rowid='rowid'
    );
    CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    END;
    """,
    # 2: claims, each with its claimant, roles, polarity, codes and evidence span
    """
    CREATE TABLE claims (
        id INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        statement_seq INTEGER,
        claimant TEXT NOT NULL,
        claimant_kind TEXT NOT NULL,
        claimant_country TEXT,
        action TEXT NOT NULL,
        actor TEXT,
        actor_as_written TEXT,
        actor_country TEXT,
        actor_polity TEXT,
        actor_cameo TEXT,
        actor_source TEXT,
        target TEXT,
        target_as_written TEXT,
        target_country TEXT,
        target_polity TEXT,
        target_cameo TEXT,
        polarity TEXT NOT NULL,
        location TEXT,
        lat REAL,
        lon REAL,
        date TEXT,
        cameo TEXT,
        cameo_root TEXT,
        quad_class INTEGER,
        goldstein REAL,
        plover TEXT,
        plover_mode TEXT,
        acled_event_type TEXT,
        acled_sub_event_type TEXT,
        trigger TEXT NOT NULL,
        trigger_start INTEGER NOT NULL,
        trigger_end INTEGER NOT NULL,
        evidence TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        UNIQUE (document_id, seq)
    );
    CREATE INDEX claims_action ON claims(action);
    CREATE INDEX claims_actor_country ON claims(actor_country);
    CREATE INDEX claims_claimant ON claims(claimant);
    """,
    # 3: time expressions, and the date of each claim with its precision and words
    """
    ALTER TABLE claims ADD COLUMN date_end TEXT;
    ALTER TABLE claims ADD COLUMN date_precision TEXT;
    ALTER TABLE claims ADD COLUMN date_expression TEXT;
    CREATE TABLE dates (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        expression TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        value TEXT,
        end_value TEXT,
        precision TEXT
    );
    CREATE INDEX claims_date ON claims(date);
    """,
    # 4: place names and the place of each claim
    """
    ALTER TABLE claims ADD COLUMN location_canonical TEXT;
    ALTER TABLE claims ADD COLUMN location_precision INTEGER;
    CREATE TABLE places (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        canonical TEXT,
        geonameid INTEGER,
        lat REAL,
        lon REAL,
        country TEXT,
        admin1 TEXT,
        precision INTEGER
    );
    """,
    # 5: numbers each claim gives; events that gather claims across documents, and each
    # claim's place in its event with the claimant's side
    """
    CREATE TABLE quantities (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        claim_seq INTEGER,
        claimant TEXT,
        what TEXT NOT NULL,
        low INTEGER,
        best INTEGER,
        high INTEGER,
        side_losing TEXT,
        cumulative INTEGER NOT NULL,
        evidence TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        UNIQUE (document_id, seq)
    );
    CREATE INDEX quantities_claim ON quantities(document_id, claim_seq);
    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        action TEXT NOT NULL,
        family TEXT NOT NULL,
        date TEXT,
        date_end TEXT,
        location TEXT,
        lat REAL,
        lon REAL,
        location_precision INTEGER,
        actor_country TEXT,
        target_country TEXT,
        status TEXT NOT NULL,
        status_reason TEXT NOT NULL,
        claims INTEGER NOT NULL,
        documents INTEGER NOT NULL
    );
    CREATE INDEX events_date ON events(date);
    CREATE INDEX events_status ON events(status);
    CREATE TABLE event_claims (
        event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
        claimant_side TEXT,
        PRIMARY KEY (event_id, claim_id)
    );
    CREATE INDEX event_claims_claim ON event_claims(claim_id);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
_CLAIM_COLUMNS = (
    "claimant", "claimant_kind", "claimant_country", "action", "actor", "actor_as_written",
    "actor_country", "actor_polity", "actor_cameo", "actor_source", "target",
    "target_as_written", "target_country", "target_polity", "target_cameo", "polarity",
    "location", "location_canonical", "location_precision", "lat", "lon", "date", "date_end",
    "date_precision", "date_expression",
    "cameo", "cameo_root", "quad_class", "goldstein", "plover", "plover_mode",
    "acled_event_type", "acled_sub_event_type", "trigger", "trigger_start", "trigger_end",
    "evidence", "start", "end",
)


@dataclass(frozen=True)
class Saved:
    """What `save` did with one document."""

    document_id: str
    status: str  # "ingested" or "unchanged"


def connect(path: str | Path) -> sqlite3.Connection:
    """Open (creating and migrating if needed) the store at `path`; ":memory:" works too."""
    where = str(path)
    if where != ":memory:":
        parent = Path(where).parent
        if not parent.exists():
            raise StoreError(f"{where}: folder {parent} does not exist")
    try:
        conn = sqlite3.connect(where)
        conn.execute("PRAGMA foreign_keys = ON")
        if where != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
        _migrate(conn)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{where}: not a usable sitrep database ({exc})") from None
    conn.row_factory = sqlite3.Row
    return conn


def _migrate(conn: sqlite3.Connection) -> None:
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    if current > SCHEMA_VERSION:
        raise StoreError(
            f"database schema {current} is newer than this sitrep ({SCHEMA_VERSION}); upgrade"
        )
    for number, script in enumerate(MIGRATIONS[current:], start=current + 1):
        with conn:
            conn.executescript(f"BEGIN; {script}; PRAGMA user_version = {number}; COMMIT;")


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    try:
        with conn:
            yield
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"could not write to the database ({exc})") from None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def save(conn: sqlite3.Connection, extraction: Extraction) -> Saved:
    """Store one document with everything found in it, in one transaction; idempotent."""
    doc = extraction.document
    with _transaction(conn):
        exists = conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc.id,)).fetchone()
        if exists:
            conn.execute(
                "INSERT OR IGNORE INTO sources (path, document_id, seen_at) VALUES (?, ?, ?)",
                (doc.path, doc.id, _now()),
            )
            return Saved(doc.id, "unchanged")
        conn.execute(
            """INSERT INTO documents (id, path, uri, url, title, title_language, language,
               published, published_precision, published_source, kind, encoding, text, raw,
               lexicon_version, ingested_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (doc.id, doc.path, doc.uri, doc.url, doc.title, doc.title_language, doc.language,
             doc.published, doc.published_precision, doc.published_source, doc.kind,
             doc.encoding, doc.text, doc.raw, extraction.lexicon_version, _now()),
        )
        conn.execute(
            "INSERT INTO sources (path, document_id, seen_at) VALUES (?, ?, ?)",
            (doc.path, doc.id, _now()),
        )
        for seq, statement in enumerate(extraction.statements):
            row = statement_json(statement)
            conn.execute(
                """INSERT INTO statements (document_id, seq, speaker, speaker_as_written,
                   speaker_kind, role, organisation, country, polity, cameo, channel, direct,
                   cue, attribution, start, "end", speaker_start, speaker_end, text)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (doc.id, seq, row["speaker"], row["speaker_as_written"], row["speaker_kind"],
                 row["role"], row["organisation"], row["country"], row["polity"], row["cameo"],
                 row["channel"], int(row["direct"]), row["cue"], row["attribution"],
                 row["start"], row["end"], row["speaker_start"], row["speaker_end"],
                 row["text"]),
            )
        _save_claims(conn, doc.id, extraction)
        conn.executemany(
            """INSERT INTO places (document_id, name, start, "end", canonical, geonameid, lat,
               lon, country, admin1, precision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [(doc.id, p.name, p.start, p.end, p.canonical, p.geonameid, p.lat, p.lon,
              p.country, p.admin1, p.precision) for p in extraction.places],
        )
        conn.executemany(
            """INSERT INTO dates (document_id, expression, start, "end", value, end_value,
               precision) VALUES (?, ?, ?, ?, ?, ?, ?)""",
            [(doc.id, d.expression, d.start, d.end, d.value, d.end_value, d.precision)
             for d in extraction.dates],
        )
        claim_of = {id(q): seq for seq, c in enumerate(extraction.claims) for q in c.quantities}
        conn.executemany(
            """INSERT INTO quantities (document_id, seq, claim_seq, claimant, what, low, best,
               high, side_losing, cumulative, evidence, start, "end")
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [(doc.id, seq, _claim_seq(q, extraction, claim_of), q.claimant, q.what, q.low,
              q.best, q.high, q.side_losing, int(q.cumulative), q.evidence, q.start, q.end)
             for seq, q in enumerate(extraction.quantities)],
        )
        conn.executemany(
            "INSERT INTO problems (document_id, stage, message) VALUES (?, ?, ?)",
            [(doc.id, p.stage, p.message) for p in extraction.problems],
        )
    return Saved(doc.id, "ingested")


def has_document(conn: sqlite3.Connection, document_id: str) -> bool:
    """Whether a document with this id is stored already."""
    return conn.execute(
        "SELECT 1 FROM documents WHERE id = ?", (document_id,)
    ).fetchone() is not None


def _claim_seq(quantity: Any, extraction: Extraction, claim_of: dict[int, int]) -> int | None:
    if id(quantity) in claim_of:
        return claim_of[id(quantity)]
    for seq, claim in enumerate(extraction.claims):
        if quantity in claim.quantities:
            return seq
    return None


def _save_claims(conn: sqlite3.Connection, document_id: str, extraction: Extraction) -> None:
    columns = ", ".join(f'"{c}"' for c in _CLAIM_COLUMNS)
    marks = ", ".join("?" for _ in _CLAIM_COLUMNS)
    for seq, claim in enumerate(extraction.claims):
        row = claim_json(claim)
        conn.execute(
            f"INSERT INTO claims (document_id, seq, statement_seq, {columns}) "
            f"VALUES (?, ?, ?, {marks})",
            (document_id, seq, row["statement"], *(row[c] for c in _CLAIM_COLUMNS)),
        )


def claims(
    conn: sqlite3.Connection, action: str | None = None, country: str | None = None,
    claimant: str | None = None, polarity: str | None = None, limit: int | None = None,
) -> list[dict[str, Any]]:
    """Stored claims; `country` matches the actor's or the target's country."""
    sql = """SELECT c.*, d.path AS document_path, d.published AS published
             FROM claims c JOIN documents d ON d.id = c.document_id WHERE 1 = 1"""
    params: list[Any] = []
    if action:
        sql += " AND c.action = ?"
        params.append(action)
    if country:
        sql += " AND (c.actor_country = ? OR c.target_country = ?)"
        params += [country.upper(), country.upper()]
    if claimant:
        sql += " AND c.claimant LIKE ?"
        params.append(f"%{claimant}%")
    if polarity:
        sql += " AND c.polarity = ?"
        params.append(polarity)
    sql += " ORDER BY d.published IS NULL, d.published, d.path, c.seq"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [dict(row) for row in conn.execute(sql, params)]


def quarantine(conn: sqlite3.Connection, failure: InputFailure) -> None:
    """Keep a failed input with its reason; a repeated failure bumps its count."""
    with _transaction(conn):
        conn.execute(
            """INSERT INTO quarantine (path, problem, raw, first_seen, last_seen)
               VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (path, problem) DO UPDATE
               SET attempts = attempts + 1, last_seen = excluded.last_seen""",
            (failure.path, failure.problem, failure.raw, _now(), _now()),
        )


def statements(
    conn: sqlite3.Connection, speaker: str | None = None, country: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Stored statements, newest documents first; `speaker` matches part of the name."""
    sql = """SELECT s.*, d.path AS document_path, d.published AS published, d.title AS title
             FROM statements s JOIN documents d ON d.id = s.document_id WHERE 1 = 1"""
    params: list[Any] = []
    if speaker:
        sql += " AND (s.speaker LIKE ? OR s.speaker_as_written LIKE ?)"
        params += [f"%{speaker}%", f"%{speaker}%"]
    if country:
        sql += " AND s.country = ?"
        params.append(country.upper())
    sql += " ORDER BY d.published IS NULL, d.published, d.path, s.seq"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [dict(row) for row in conn.execute(sql, params)]


def search(conn: sqlite3.Connection, query: str) -> list[dict[str, Any]]:
    """Documents matching a full-text query (FTS5 syntax), best first."""
    try:
        rows = conn.execute(
            """SELECT d.id, d.path, d.title, d.published FROM documents_fts f
               JOIN documents d ON d.rowid = f.rowid WHERE documents_fts MATCH ?
               ORDER BY rank""",
            (query,),
        ).fetchall()
    except sqlite3.OperationalError as exc:
        raise StoreError(f"bad search query {query!r} ({exc})") from None
    return [dict(row) for row in rows]


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    """How many rows each table holds."""
    return {
        table: conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        for table in ("documents", "statements", "claims", "quantities", "events", "quarantine")
    }


def claims_with_quantities(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every stored claim with its document's date, its speaker's CAMEO code and its counts:
    what reconcile reads."""
    rows = [dict(r) for r in conn.execute(
        """SELECT c.*, d.published AS published, d.path AS document_path, d.url AS url,
                  s.cameo AS claimant_cameo
           FROM claims c JOIN documents d ON d.id = c.document_id
           LEFT JOIN statements s ON s.document_id = c.document_id AND s.seq = c.statement_seq
           ORDER BY c.document_id, c.seq""")]
    counted: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for row in conn.execute("SELECT * FROM quantities WHERE claim_seq IS NOT NULL ORDER BY seq"):
        quantity = dict(row)
        quantity["cumulative"] = bool(quantity["cumulative"])
        counted.setdefault((row["document_id"], row["claim_seq"]), []).append(quantity)
    for row in rows:
        row["quantities"] = counted.get((row["document_id"], row["seq"]), [])
    return rows


def replace_events(conn: sqlite3.Connection, events: list[Any]) -> None:
    """Store reconciled events in place of the previous ones, in one transaction."""
    with _transaction(conn):
        conn.execute("DELETE FROM event_claims")
        conn.execute("DELETE FROM events")
        conn.executemany(
            """INSERT INTO events (id, action, family, date, date_end, location, lat, lon,
               location_precision, actor_country, target_country, status, status_reason, claims,
               documents) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [(e.id, e.action, e.group, e.date, e.date_end, e.location, e.lat, e.lon,
              e.location_precision, e.actor_country, e.target_country, e.status,
              e.status_reason, len(e.claims), e.documents) for e in events],
        )
        conn.executemany(
            "INSERT INTO event_claims (event_id, claim_id, claimant_side) VALUES (?, ?, ?)",
            [(e.id, c["id"], c["claimant_side"]) for e in events for c in e.claims],
        )
