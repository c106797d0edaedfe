"""A store's content as comparable data: every table's rows without row ids or timestamps."""

from __future__ import annotations

import sqlite3
from pathlib import Path

# Columns that differ between two runs over the same input by design.
VOLATILE = frozenset({"id", "ingested_at", "seen_at", "first_seen", "last_seen"})


def rows(db: Path) -> dict[str, list[tuple]]:
    """Each table's rows (sorted), leaving out the full-text index's own tables."""
    conn = sqlite3.connect(db)
    try:
        tables = [name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'"
        )]
        found: dict[str, list[tuple]] = {}
        for table in tables:
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")
                       if row[1] not in VOLATILE]
            listed = ", ".join(f'"{c}"' for c in columns)
            found[table] = sorted(conn.execute(f"SELECT {listed} FROM {table}"), key=repr)
        return found
    finally:
        conn.close()
