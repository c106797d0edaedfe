"""Reconcile: gather the claims of every document about one happening into Events.

`reconcile(claims, sides)` clusters stored claims (rows of the store's `claims` table with their
quantities) into events: the same kind of happening (fighting, an aircraft shot down, equipment
destroyed, people killed or wounded, ground taken, or one diplomatic act), dates within a day
of each other, places close for their precision, and compatible parties. Each event gets a
status that says why, pointing at its claims. The function is pure and deterministic: running
it again over more claims gives the same events for the old ones plus the new, never copies.

Sides: a claimant speaks for the side of the conflict its state is on (Artsakh's officials for
Armenia's side, Turkey's for Azerbaijan's), an outlet or an international body is `neutral`,
and a user's sources file overrides either by claimant name.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from sitrep.actors import ActorLexicon, Conflict
from sitrep.errors import LexiconError

NEUTRAL = "neutral"
GROUPS: dict[str, str] = {
    **{a: "fighting" for a in ("attack_ground", "attack_air", "attack_missile", "attack_drone",
                               "attack_artillery", "shell", "fight", "ceasefire_violate")},
    "shoot_down": "aircraft_downed",
    "destroy_equipment": "equipment_destroyed",
    "kill": "casualties",
    "injure": "casualties",
    "capture_territory": "territory",
    "retreat": "territory",
}
_DAY_WINDOW = 1  # days between two claims of one happening (reports lag, time zones differ)
_RADIUS_KM = {1: 30.0, 2: 150.0, 3: 1500.0}  # how far a place of each precision may be
_INDEPENDENT_SECTORS = {"IGO", "NGO", "MED", "JRN"}
_ASSERTING = {"asserted", "hedged", "alleged"}
_SUCCESS_ACTIONS = {"shoot_down", "destroy_equipment", "capture_territory"}


@dataclass(frozen=True)
class Sides:
    """Which side each claimant speaks for."""

    conflicts: tuple[Conflict, ...]
    overrides: dict[str, str] = field(default_factory=dict)

    def conflict_of(self, countries: Iterable[str | None]) -> Conflict | None:
        present = {c for c in countries if c}
        best: tuple[int, Conflict] | None = None
        for conflict in self.conflicts:
            hits = len(present & (set(conflict.sides[0]) | set(conflict.sides[1])))
            if hits and (best is None or hits > best[0]):
                best = (hits, conflict)
        return best[1] if best else None

    def side_of(self, claim: dict[str, Any], conflict: Conflict | None) -> str | None:
        """The claimant's side in `conflict`: the first state of its side, `neutral`, or None
        when nothing says (a speaker of unknown allegiance)."""
        name = claim["claimant"]
        if name in self.overrides:
            return self.overrides[name]
        if claim.get("claimant_kind") == "outlet":
            return NEUTRAL
        sector = (claim.get("claimant_cameo") or "")[:3]
        country = claim.get("claimant_country")
        if sector in _INDEPENDENT_SECTORS:
            return NEUTRAL
        if country is None:
            return None
        if conflict is not None:
            for side in conflict.sides:
                if country in side:
                    return side[0]
            return NEUTRAL
        for known in self.conflicts:
            for side in known.sides:
                if country in side:
                    return side[0]
        return NEUTRAL


def load_sides(lexicon: ActorLexicon, sources_file: str | Path | None = None) -> Sides:
    """Sides from the actor lexicon's conflicts, with a user's sources file (YAML mapping
    claimant name → side code or `neutral`) over them."""
    overrides: dict[str, str] = {}
    if sources_file:
        path = Path(sources_file)
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise LexiconError(f"{path}: cannot read sources file ({exc})") from None
        except yaml.YAMLError as exc:
            raise LexiconError(f"{path}: invalid YAML ({exc.__class__.__name__})") from None
        if not isinstance(data, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in data.items()
        ):
            raise LexiconError(f"{path}: a sources file maps claimant names to sides "
                               "(name: ARM, name: neutral)")
        overrides = {k: (v if v == NEUTRAL else v.upper()) for k, v in data.items()}
    return Sides(lexicon.conflicts, overrides)


@dataclass
class Event:
    """A happening and every claim about it; `claims` are store rows with `claimant_side`."""

    id: str
    group: str
    claims: list[dict[str, Any]]
    action: str = ""
    date: str | None = None
    date_end: str | None = None
    location: str | None = None
    lat: float | None = None
    lon: float | None = None
    location_precision: int | None = None
    actor_country: str | None = None
    target_country: str | None = None
    status: str = "single_source"
    status_reason: str = ""

    @property
    def documents(self) -> int:
        return len({c["document_id"] for c in self.claims})


def group_of(action: str) -> str:
    return GROUPS.get(action, action)


def reconcile(claims: list[dict[str, Any]], sides: Sides) -> list[Event]:
    """Events from claims (store rows with `quantities`), in date order."""
    ordered = sorted(claims, key=_order)
    clusters: list[list[dict[str, Any]]] = []
    by_key: dict[tuple[str, int], list[int]] = {}
    for precise in (True, False):  # located claims seed events; vaguer ones join them
        for claim in ordered:
            if (claim.get("location_precision") == 1) != precise:
                continue
            day = _day(claim)
            group = group_of(claim["action"])
            candidates = [
                i for offset in range(-_DAY_WINDOW, _DAY_WINDOW + 1)
                for i in by_key.get((group, day.toordinal() + offset if day else -1), [])
            ] if day else by_key.get((group, -1), [])
            fitting = [i for i in dict.fromkeys(candidates)
                       if _fits(claim, clusters[i], day, sides)]
            if fitting:
                chosen = max(fitting, key=lambda i: _affinity(claim, clusters[i]))
                clusters[chosen].append(claim)
            else:
                clusters.append([claim])
                chosen = len(clusters) - 1
            key = (group, day.toordinal() if day else -1)
            if chosen not in by_key.setdefault(key, []):
                by_key[key].append(chosen)
    events = [_event(members, sides) for members in clusters]
    events.sort(key=lambda e: (e.date or "9999", e.id))
    return events


def _order(claim: dict[str, Any]) -> tuple[str, str, int]:
    return (claim.get("date") or claim.get("published") or "9999", claim["document_id"],
            claim["seq"])


def _day(claim: dict[str, Any]) -> date | None:
    """The day a claim is about; for a period ("since 27 September") the day it was said."""
    value = claim.get("date") or claim.get("published")
    if claim.get("date_end") and claim.get("date_precision") == "range":
        value = claim["date_end"]
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _fits(
    claim: dict[str, Any], members: list[dict[str, Any]], day: date | None, sides: Sides
) -> bool:
    """Whether a claim can be about the same happening as every claim of a cluster: within a
    day of each, near each for their precision, and naming parties of one conflict (or at most
    two states): "Azerbaijan attacked" and "Armenia shelled us" can be one clash."""
    for other in members:
        other_day = _day(other)
        if day is None or other_day is None:
            if day != other_day or claim["document_id"] != other["document_id"]:
                return False
        elif abs((day - other_day).days) > _DAY_WINDOW:
            return False
        if not _near(claim, other):
            return False
    parties = _parties(claim) | set().union(*(_parties(m) for m in members))
    if len(parties) <= 2:
        return True
    conflict = sides.conflict_of(parties)
    return conflict is not None and parties <= set(conflict.sides[0]) | set(conflict.sides[1])


def _parties(claim: dict[str, Any]) -> set[str]:
    return {c for c in (claim.get("actor_country"), claim.get("target_country")) if c}


def _near(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if a.get("lat") is None or b.get("lat") is None:
        return True
    radius = max(_RADIUS_KM.get(a.get("location_precision") or 3, 1500.0),
                 _RADIUS_KM.get(b.get("location_precision") or 3, 1500.0))
    return distance_km(a["lat"], a["lon"], b["lat"], b["lon"]) <= radius


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine) in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _affinity(claim: dict[str, Any], members: list[dict[str, Any]]) -> tuple[int, int, int, int]:
    """Which of several fitting events a vague claim joins: one from its own statement, then
    its own document, then the one with more of the same parties, then the larger."""
    same_statement = any(
        m["document_id"] == claim["document_id"] and m.get("statement_seq") is not None
        and m.get("statement_seq") == claim.get("statement_seq") for m in members)
    same_document = any(m["document_id"] == claim["document_id"] for m in members)
    shared = len(_parties(claim) & set().union(*(_parties(m) for m in members)))
    return int(same_statement), int(same_document), shared, len(members)


def _event(members: list[dict[str, Any]], sides: Sides) -> Event:
    first = min(members, key=_order)
    key = f"{first['document_id']}:{first['seq']}"
    conflict = sides.conflict_of(
        c for m in members for c in (m.get("actor_country"), m.get("target_country"),
                                     m.get("claimant_country")))
    claims = [{**m, "claimant_side": sides.side_of(m, conflict)} for m in members]
    event = Event(id=hashlib.sha1(key.encode()).hexdigest()[:16], group=group_of(first["action"]),
                  claims=claims)
    event.action = Counter(m["action"] for m in members).most_common(1)[0][0]
    days = sorted(d for m in members if (d := _day(m)))
    if days:
        event.date, event.date_end = days[0].isoformat(), days[-1].isoformat()
        if event.date_end == event.date:
            event.date_end = None
    located = [m for m in members if m.get("lat") is not None]
    if located:
        where = min(located, key=lambda m: (m.get("location_precision") or 3, _order(m)))
        event.location = where.get("location_canonical") or where.get("location")
        event.lat, event.lon = where["lat"], where["lon"]
        event.location_precision = where.get("location_precision")
    asserted = [m for m in claims if m["polarity"] in _ASSERTING] or claims
    event.actor_country = _most_common(m.get("actor_country") for m in asserted)
    event.target_country = _most_common(m.get("target_country") for m in asserted)
    event.status, event.status_reason = _status(event, claims, conflict)
    return event


def _most_common(values: Iterable[str | None]) -> str | None:
    counted = Counter(v for v in values if v)
    return counted.most_common(1)[0][0] if counted else None


def _status(
    event: Event, claims: list[dict[str, Any]], conflict: Conflict | None
) -> tuple[str, str]:
    """The event's status and why, naming the claims (document:seq) behind it."""
    def ref(claim: dict[str, Any]) -> str:
        return f"{claim['claimant']} ({claim['document_id'][:8]}:{claim['seq']})"

    reasons: dict[str, str] = {}
    side_claims: dict[str, list[dict[str, Any]]] = {}
    for claim in claims:
        side_claims.setdefault(claim["claimant_side"] or "unknown", []).append(claim)
    parties = [s for s in side_claims if s not in {NEUTRAL, "unknown"}]
    accusers: dict[str, set[str]] = {}
    for claim in claims:
        if claim["polarity"] in _ASSERTING and claim["claimant_side"] and claim.get(
                "actor_country"):
            doer = _side_in(claim["actor_country"], conflict)
            if doer and doer != claim["claimant_side"] and claim["claimant_side"] != NEUTRAL:
                accusers.setdefault(claim["claimant_side"], set()).add(doer)
    mutual = [(a, b) for a in accusers for b in accusers[a] if a in accusers.get(b, set())]
    if mutual:
        a, b = mutual[0]
        reasons["mutual_accusation"] = (
            f"{a}'s side says {b} did it ({', '.join(ref(c) for c in side_claims[a][:3])}); "
            f"{b}'s side says {a} did ({', '.join(ref(c) for c in side_claims[b][:3])})")
    denials = [c for c in claims if c["polarity"] == "denied"]
    assertions = [c for c in claims if c["polarity"] in _ASSERTING]
    if denials and assertions:
        reasons["contested"] = (
            f"denied by {', '.join(ref(c) for c in denials[:3])}; asserted by "
            f"{', '.join(ref(c) for c in assertions[:3])}")
    differ = _numbers_differ(claims)
    if differ:
        reasons["numbers_differ"] = differ
    doer = _side_in(event.actor_country, conflict) if event.actor_country else None
    consistent = [  # a claim that names another doer, or none, corroborates nothing
        c for c in assertions
        if doer is None or (c.get("actor_country") and _side_in(c["actor_country"], conflict)
                            == doer)]
    independent = {c["claimant_side"] or f"unknown:{c['claimant']}" for c in consistent}
    benefiting = _benefiting_side(event, conflict)
    if len(independent) > 1 and any(s != benefiting for s in independent):
        reasons["corroborated"] = (
            f"asserted by claimants on {len(independent)} sides "
            f"({', '.join(sorted(independent))}), not only by {benefiting or 'one side'}")
    for status in ("mutual_accusation", "contested", "numbers_differ", "corroborated"):
        if status in reasons:
            others = "; ".join(f"also {k}: {v}" for k, v in reasons.items() if k != status)
            return status, reasons[status] + (f"; {others}" if others else "")
    names = sorted({c["claimant"] for c in claims})
    if len(names) == 1:
        return "single_source", f"only {names[0]} says so"
    if len(parties) > 1:
        return "single_source", (
            f"{len(names)} claimants on {', '.join(parties)}'s sides, but no two name the same "
            f"doer: {', '.join(names[:5])}")
    return "single_source", (f"{len(names)} claimants, all on one side "
                             f"({', '.join(parties) or 'unknown'}): {', '.join(names[:5])}")


def _side_in(country: str, conflict: Conflict | None) -> str | None:
    if conflict is None:
        return country
    for side in conflict.sides:
        if country in side:
            return side[0]
    return None


def _benefiting_side(event: Event, conflict: Conflict | None) -> str | None:
    """Whom the claim serves: a success claim its doer, a harm claim its victim."""
    country = event.actor_country if event.action in _SUCCESS_ACTIONS else event.target_country
    return _side_in(country, conflict) if country else None


def _numbers_differ(claims: list[dict[str, Any]]) -> str | None:
    """Two claimants giving counts of the same thing lost by the same side that cannot both
    hold (their low–high ranges do not overlap)."""
    figures: dict[tuple[str, str | None], list[tuple[dict[str, Any], dict[str, Any]]]] = {}
    for claim in claims:
        for quantity in claim.get("quantities", []):
            if quantity["best"] is not None and not quantity["cumulative"]:
                figures.setdefault((quantity["what"], quantity["side_losing"]), []).append(
                    (claim, quantity))
    for (what, side), found in figures.items():
        for i, (claim_a, qa) in enumerate(found):
            for claim_b, qb in found[i + 1:]:
                if claim_a["claimant"] == claim_b["claimant"]:
                    continue
                a_low, a_high = qa["low"] or qa["best"], qa["high"] or math.inf
                b_low, b_high = qb["low"] or qb["best"], qb["high"] or math.inf
                if a_high < b_low or b_high < a_low:
                    return (f"{what} lost by {side or 'unknown'}: {claim_a['claimant']} says "
                            f"{qa['evidence']!r}, {claim_b['claimant']} says {qb['evidence']!r}")
    return None



def update_store(conn: Any, sides: Sides) -> list[Event]:
    """Reconcile every claim in the store and replace its events (one transaction)."""
    from sitrep import store

    events = reconcile(store.claims_with_quantities(conn), sides)
    store.replace_events(conn, events)
    return events


def summary(events: list[Event]) -> str:
    """ "12 events: 7 single_source, 3 contested, ..." """
    counted = Counter(e.status for e in events)
    parts = ", ".join(f"{n} {status}" for status, n in counted.most_common())
    return f"{len(events)} events" + (f": {parts}" if parts else "")
