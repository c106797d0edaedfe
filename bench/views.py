"""How fast the layers that show records are: exports, the report and the web pages.

    python bench/views.py [--copies N]

Ingests and reconciles the example corpus once, then copies every stored record N times (new
document, claim and event ids; same text) so the store holds N × 17 documents, and times each
export format, the report (gathering, charts, rendering) and the web view's pages through
Datasette's in-process client. Prints one line per step: seconds, rows and output size.
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from sitrep import export, pipeline, reconcile, report, store, web
from sitrep.records import Extraction
from sitrep.settings import load_settings

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
T = TypeVar("T")
_COPIED = ("documents", "statements", "claims", "quantities", "places", "dates", "events",
           "event_claims")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        _build(db, args.copies)
        conn = store.connect(db)
        sizes = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                 for t in ("documents", "claims", "events")}
        print(f"store: {sizes['documents']:,} documents, {sizes['claims']:,} claims, "
              f"{sizes['events']:,} events")
        for fmt in export.FORMATS:
            out = Path(folder) / f"export.{fmt}"
            seconds, rows = _timed(lambda fmt=fmt, out=out: export.write(conn, fmt, out))
            print(f"export {fmt:<13} {seconds:6.2f} s  {rows:>7,} rows  "
                  f"{out.stat().st_size / 1e6:6.1f} MB")
        seconds, built = _timed(lambda: report.build(conn))
        print(f"report build        {seconds:6.2f} s  (records and both charts)")
        for fmt in ("md", "html"):
            seconds, text = _timed(lambda fmt=fmt: report.render(built, fmt))
            print(f"report render {fmt:<5} {seconds:6.2f} s  {len(text) / 1e6:6.1f} MB")
        _pages(db, conn)


def _build(db: Path, copies: int) -> None:
    settings = load_settings()
    resources = pipeline.load_resources(settings)
    conn = store.connect(db)
    for item in pipeline.run((str(EXAMPLES),), resources, None):
        if isinstance(item, Extraction):
            store.save(conn, item)
    reconcile.update_store(conn, reconcile.load_sides(resources.actors))
    offset = conn.execute("SELECT MAX(id) FROM claims").fetchone()[0]
    statement_offset = conn.execute("SELECT MAX(id) FROM statements").fetchone()[0]
    with conn:
        for copy in range(1, copies):
            _copy(conn, copy, offset, statement_offset)
    conn.close()


def _copy(conn: sqlite3.Connection, copy: int, offset: int, statement_offset: int) -> None:
    """One more copy of every record, with ids that cannot collide with the originals'."""
    document = f"substr(document_id, 1, 56) || printf('%08x', {copy})"
    overrides = {
        "documents": {"id": f"substr(id, 1, 56) || printf('%08x', {copy})",
                      "path": f"path || '#copy{copy}'"},
        "statements": {"id": f"id + {copy * statement_offset}", "document_id": document},
        "claims": {"id": f"id + {copy * offset}", "document_id": document},
        "quantities": {"document_id": document},
        "places": {"document_id": document},
        "dates": {"document_id": document},
        "events": {"id": f"id || '-{copy}'"},
        "event_claims": {"event_id": f"event_id || '-{copy}'",
                         "claim_id": f"claim_id + {copy * offset}"},
    }
    for table in _COPIED:
        columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
        chosen = ", ".join(overrides[table].get(c, f'"{c}"') for c in columns)
        names = ", ".join(f'"{c}"' for c in columns)
        conn.execute(f"INSERT INTO {table} ({names}) SELECT {chosen} FROM {table} "
                     f"WHERE rowid IN (SELECT rowid FROM {table} ORDER BY rowid LIMIT "
                     f"(SELECT COUNT(*) FROM {table}) / {copy})")


def _timed(step: Callable[[], T]) -> tuple[float, T]:
    started = time.perf_counter()
    result = step()
    return time.perf_counter() - started, result


def _pages(db: Path, conn: sqlite3.Connection) -> None:
    event = conn.execute("SELECT id FROM events ORDER BY claims DESC LIMIT 1").fetchone()[0]
    document = conn.execute(
        "SELECT id FROM documents ORDER BY length(text) DESC LIMIT 1").fetchone()[0]
    paths = ["/", f"/-/sitrep/event/{event}", f"/-/sitrep/document/{document}",
             "/-/sitrep/search?q=Stepanakert", f"/{db.stem}/events", f"/{db.stem}/claims"]

    async def fetch() -> None:
        datasette = web.app(db)
        await datasette.client.get("/")  # startup hooks and first connections
        for path in paths:
            started = time.perf_counter()
            response = await datasette.client.get(path)
            seconds = time.perf_counter() - started
            print(f"page {path[:40]:<40} {seconds:6.3f} s  {response.status_code}  "
                  f"{len(response.content) / 1e3:7.1f} kB")

    asyncio.run(fetch())


if __name__ == "__main__":
    main()
