"""Reading events back from the store, with their claims and numbers, for the layers that show
them (export, report, web). Reads records only; never processes text.

An event comes back in the shape of `sitrep events --format json` (DESIGN.md):
the `events` row and its `claims`, each with every stored claim field, `claim_id`,
`claimant_side`, `document` (its id), `document_path`, `url`, `title`, `published` and its
`quantities`.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from sitrep.errors import SitrepError

NEUTRAL = "neutral"
_CLAIMS_SQL = """
    SELECT ec.event_id, ec.claimant_side, c.*, c.id AS claim_id, c.document_id AS document,
           d.path AS document_path, d.url AS url,
           d.title AS title, d.published AS published
    FROM event_claims ec
    JOIN claims c ON c.id = ec.claim_id
    JOIN documents d ON d.id = c.document_id
    WHERE ec.event_id IN ({marks})
    ORDER BY d.published IS NULL, d.published, d.path, c.seq
"""
_CHUNK = 500  # ids per IN (...) list, well under SQLite's limit on parameters


@dataclass(frozen=True)
class Filters:
    """Which events to read: a date window, a region of the regions file, a conflict's states,
    or one event by its id; and for events, a status, an action, a country among the parties
    and at most how many."""

    since: str | None = None
    until: str | None = None
    region: str | None = None
    conflict: str | None = None
    event: str | None = None
    status: str | None = None
    action: str | None = None
    country: str | None = None
    limit: int | None = None


def events(conn: sqlite3.Connection, filters: Filters | None = None) -> list[dict[str, Any]]:
    """Stored events (oldest first) that pass `filters`, each with its claims and numbers."""
    chosen = filters or Filters()
    sql, params = "SELECT * FROM events WHERE 1 = 1", []
    for column, value in (("id", chosen.event), ("status", chosen.status),
                          ("action", chosen.action)):
        if value:
            sql += f" AND {column} = ?"
            params.append(value)
    if chosen.country:
        sql += " AND (actor_country = ? OR target_country = ?)"
        params += [chosen.country.upper(), chosen.country.upper()]
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
        sql += (f" AND (actor_country IN ({marks}) OR target_country IN ({marks}) OR id IN ("
                "SELECT ec.event_id FROM event_claims ec JOIN claims c ON c.id = ec.claim_id "
                f"WHERE c.actor_country IN ({marks}) OR c.target_country IN ({marks})"
                f" OR c.claimant_country IN ({marks})))")
        params += states * 5
    sql += " ORDER BY date IS NULL, date, id"
    if chosen.limit:
        sql += f" LIMIT {int(chosen.limit)}"
    found = [dict(row) for row in conn.execute(sql, params)]
    claims = _claims_by_event(conn, [event["id"] for event in found])
    for event in found:
        event["claims"] = claims.get(event["id"], [])
    return found


def claims(conn: sqlite3.Connection, filters: Filters | None = None) -> list[dict[str, Any]]:
    """Stored claims that pass `filters` (by the claim's date, place and parties), oldest first,
    each with its document, its event and claimant side (if reconcile placed it) and numbers."""
    chosen = filters or Filters()
    sql = """SELECT c.*, c.id AS claim_id, c.document_id AS document,
                    d.path AS document_path, d.url AS url, d.title AS title,
                    d.published AS published, ec.event_id AS event_id,
                    ec.claimant_side AS claimant_side, e.status AS event_status
             FROM claims c JOIN documents d ON d.id = c.document_id
             LEFT JOIN event_claims ec ON ec.claim_id = c.id
             LEFT JOIN events e ON e.id = ec.event_id WHERE 1 = 1"""
    params: list[Any] = []
    day = "COALESCE(c.date, d.published)"
    if chosen.since:
        sql += f" AND {day} >= ?"
        params.append(chosen.since)
    if chosen.until:
        sql += f" AND {day} <= ?"
        params.append(chosen.until)
    if chosen.region:
        south, west, north, east = _region_box(chosen.region)
        sql += " AND c.lat BETWEEN ? AND ? AND c.lon BETWEEN ? AND ?"
        params += [south, north, west, east]
    if chosen.conflict:
        states = _conflict_states(chosen.conflict)
        marks = ", ".join("?" for _ in states)
        sql += (f" AND (c.actor_country IN ({marks}) OR c.target_country IN ({marks})"
                f" OR c.claimant_country IN ({marks}))")
        params += states * 3
    sql += " ORDER BY d.published IS NULL, d.published, d.path, c.seq"
    numbers = quantities_by_claim(conn)
    found = []
    for row in conn.execute(sql, params):
        claim = dict(row)
        claim["quantities"] = numbers.get((claim["document_id"], claim["seq"]), [])
        found.append(claim)
    return found


def statements(
    conn: sqlite3.Connection, filters: Filters | None = None
) -> list[dict[str, Any]]:
    """Stored statements of the documents published in the window; with a region or a
    conflict, only the documents that have a claim passing the filters."""
    chosen = filters or Filters()
    sql = """SELECT s.*, s.document_id AS document, d.path AS document_path, d.url AS url,
                    d.title AS title,
                    d.published AS published
             FROM statements s JOIN documents d ON d.id = s.document_id WHERE 1 = 1"""
    params: list[Any] = []
    if chosen.since:
        sql += " AND d.published >= ?"
        params.append(chosen.since)
    if chosen.until:
        sql += " AND d.published <= ?"
        params.append(chosen.until)
    sql += " ORDER BY d.published IS NULL, d.published, d.path, s.seq"
    rows = [dict(row) for row in conn.execute(sql, params)]
    if chosen.region or chosen.conflict:
        wanted = {c["document_id"] for c in claims(conn, chosen)}
        rows = [row for row in rows if row["document_id"] in wanted]
    return rows


def _claims_by_event(conn: sqlite3.Connection, wanted: list[str]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for first in range(0, len(wanted), _CHUNK):
        chunk = wanted[first:first + _CHUNK]
        sql = _CLAIMS_SQL.format(marks=", ".join("?" for _ in chunk))
        for row in conn.execute(sql, chunk):
            grouped.setdefault(row["event_id"], []).append(dict(row))
    documents = {c["document_id"] for claims in grouped.values() for c in claims}
    numbers = quantities_by_claim(conn, documents)
    for claims in grouped.values():
        for claim in claims:
            claim["quantities"] = numbers.get((claim["document_id"], claim["seq"]), [])
    return grouped


def quantities_by_claim(
    conn: sqlite3.Connection, documents: set[str] | None = None
) -> dict[tuple[str, int], list[dict[str, Any]]]:
    """Stored quantities (of `documents`, or all), keyed by their claim (document id, seq)."""
    if documents is None:
        rows = list(conn.execute("SELECT * FROM quantities ORDER BY document_id, seq"))
    else:
        ids, rows = sorted(documents), []
        for first in range(0, len(ids), _CHUNK):
            chunk = ids[first:first + _CHUNK]
            rows += conn.execute(
                f"SELECT * FROM quantities WHERE document_id IN ({', '.join('?' for _ in chunk)})"
                " ORDER BY document_id, seq", chunk).fetchall()
    grouped: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for row in rows:
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


def conflict_sides(claims: list[dict[str, Any]], conflict: str | None = None) -> dict[str, str]:
    """Each state of the conflicts in play and the state that stands for its side (the first
    state listed on it): the named conflict, else every conflict whose two sides both appear
    among the claims' actors and targets. A state in none of them is neutral."""
    listed = _bundled_yaml("actors.yaml").get("conflicts", [])
    if conflict:
        _conflict_states(conflict)  # an unknown name is an error, as for the filters
        chosen = [c for c in listed if c["name"].casefold() == conflict.casefold()]
    else:
        parties = {c[k] for c in claims for k in ("actor_country", "target_country") if c[k]}
        chosen = [c for c in listed if all(set(side) & parties for side in c["sides"])]
    return {state: side[0] for c in chosen for side in c["sides"] for state in side}


def side_of(claim: dict[str, Any], sides_of: dict[str, str]) -> str:
    """The party a claimant speaks for: its side in its event if reconcile gave one, else the
    side of the claimant's country; a side outside the conflicts of `sides_of` (when it names
    any) is neutral, as is anyone else."""
    if claim.get("event_id"):
        side = claim.get("claimant_side")
        if not side or side == NEUTRAL:
            return NEUTRAL
        return sides_of.get(side, NEUTRAL) if sides_of else side
    return sides_of.get(claim.get("claimant_country") or "", NEUTRAL)
