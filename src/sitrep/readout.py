"""Reading events back from the store, with their claims and numbers, for the layers that show
them (export, report, web). Reads records only; never processes text.

An event comes back in the shape of `sitrep events --format json` (DESIGN.md): the `events` row,
and `claims`, each claim's stored fields with `claimant_side`, its document's `document` (path),
`document_id`, `url`, `title`, `published`, and its `quantities`.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from sitrep.errors import SitrepError

_CLAIMS_SQL = """
    SELECT ec.event_id, ec.claimant_side, c.*, d.path AS document, d.url AS url,
           d.title AS title, d.published AS published
    FROM event_claims ec
    JOIN claims c ON c.id = ec.claim_id
    JOIN documents d ON d.id = c.document_id
    ORDER BY d.published IS NULL, d.published, d.path, c.seq
"""


@dataclass(frozen=True)
class Filters:
    """Which events to read: a date window, a region of the regions file, a conflict's states."""

    since: str | None = None
    until: str | None = None
    region: str | None = None
    conflict: str | None = None


def events(conn: sqlite3.Connection, filters: Filters | None = None) -> list[dict[str, Any]]:
    """Stored events (oldest first) that pass `filters`, each with its claims and numbers."""
    chosen = filters or Filters()
    sql, params = "SELECT * FROM events WHERE 1 = 1", []
    if chosen.since:
        sql += " AND COALESCE(date_end, date) >= ?"
        params.append(chosen.since)
    if chosen.until:
        sql += " AND date <= ?"
        params.append(chosen.until)
    if chosen.region:
        south, west, north, east = _region_box(chosen.region)
        sql += " AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?"
        params += [south, north, west, east]
    if chosen.conflict:
        states = _conflict_states(chosen.conflict)
        marks = ", ".join("?" for _ in states)
        sql += f" AND (actor_country IN ({marks}) OR target_country IN ({marks}))"
        params += states + states
    sql += " ORDER BY date IS NULL, date, id"
    found = [dict(row) for row in conn.execute(sql, params)]
    claims = _claims_by_event(conn, {event["id"] for event in found})
    for event in found:
        event["claims"] = claims.get(event["id"], [])
    return found


def _claims_by_event(conn: sqlite3.Connection, wanted: set[str]) -> dict[str, list[dict]]:
    numbers = quantities_by_claim(conn)
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in conn.execute(_CLAIMS_SQL):
        if row["event_id"] not in wanted:
            continue
        claim = dict(row)
        claim["quantities"] = numbers.get((claim["document_id"], claim["seq"]), [])
        grouped.setdefault(claim.pop("event_id"), []).append(claim)
    return grouped


def quantities_by_claim(conn: sqlite3.Connection) -> dict[tuple[str, int], list[dict[str, Any]]]:
    """Every stored quantity, keyed by its claim (document id, claim seq)."""
    grouped: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for row in conn.execute("SELECT * FROM quantities ORDER BY document_id, seq"):
        quantity = dict(row)
        quantity["cumulative"] = bool(quantity["cumulative"])
        grouped.setdefault((row["document_id"], row["claim_seq"]), []).append(quantity)
    return grouped


def _bundled_yaml(name: str) -> dict[str, Any]:
    text = resources.files("sitrep").joinpath("data", name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _region_box(name: str) -> tuple[float, float, float, float]:
    """The bounding box [south, west, north, east] of a region in the regions file."""
    wanted = name.casefold()
    regions = [p for p in _bundled_yaml("regions.yaml")["places"] if p.get("bbox")]
    for place in regions:
        if wanted in {n.casefold() for n in [place["name"], *place.get("aliases", [])]}:
            return tuple(place["bbox"])  # type: ignore[return-value]
    known = ", ".join(p["name"] for p in regions)
    raise SitrepError(f"unknown region {name!r}; the regions file knows: {known}")


def _conflict_states(name: str) -> list[str]:
    """Every state on either side of a conflict listed in the bundled actors file."""
    conflicts = _bundled_yaml("actors.yaml").get("conflicts", [])
    for conflict in conflicts:
        if conflict["name"].casefold() == name.casefold():
            return [state for side in conflict["sides"] for state in side]
    known = ", ".join(c["name"] for c in conflicts)
    raise SitrepError(f"unknown conflict {name!r}; known: {known}")
