"""Output shapes: the stable JSON of DESIGN.md, built from records only (no text processing)."""

from __future__ import annotations

from typing import Any

from sitrep.records import Actor, Claim, Date, Extraction, Place, Quantity, Statement


def document_json(extraction: Extraction) -> dict[str, Any]:
    """The `sitrep extract --format json` object for one document."""
    doc = extraction.document
    return {
        "document": {
            "id": doc.id,
            "path": doc.path,
            "url": doc.url,
            "title": doc.title,
            "title_language": doc.title_language,
            "language": doc.language,
            "published": doc.published,
            "published_precision": doc.published_precision,
            "published_source": doc.published_source,
            "kind": doc.kind,
            "encoding": doc.encoding,
            "chars": len(doc.text),
        },
        "statements": [statement_json(s) for s in extraction.statements],
        "claims": [claim_json(c) for c in extraction.claims],
        "quantities": [quantity_json(q, _claim_of(q, extraction)) for q in extraction.quantities],
        "places": [place_json(p) for p in extraction.places],
        "dates": [date_json(d) for d in extraction.dates],
        "problems": [{"stage": p.stage, "message": p.message} for p in extraction.problems],
        "lexicon_version": extraction.lexicon_version,
    }


def statement_json(statement: Statement) -> dict[str, Any]:
    speaker: Actor = statement.speaker
    return {
        "speaker": speaker.canonical,
        "speaker_as_written": speaker.name,
        "speaker_kind": speaker.kind,
        "role": speaker.role,
        "organisation": speaker.organisation,
        "country": speaker.country,
        "polity": speaker.polity,
        "cameo": speaker.cameo,
        "channel": statement.channel,
        "direct": statement.direct,
        "cue": statement.cue,
        "attribution": statement.attribution,
        "start": statement.start,
        "end": statement.end,
        "speaker_start": statement.speaker_start,
        "speaker_end": statement.speaker_end,
        "text": statement.text,
    }


def claim_json(claim: Claim) -> dict[str, Any]:
    actor, target = claim.actor, claim.target
    return {
        "claimant": claim.claimant,
        "claimant_kind": claim.claimant_kind,
        "claimant_country": claim.claimant_country,
        "action": claim.action,
        "actor": actor.canonical if actor else None,
        "actor_as_written": actor.name if actor else None,
        "actor_country": actor.country if actor else None,
        "actor_polity": actor.polity if actor else None,
        "actor_cameo": actor.cameo if actor else None,
        "actor_source": claim.actor_source,
        "target": target.canonical if target else None,
        "target_as_written": target.name if target else None,
        "target_country": target.country if target else None,
        "target_polity": target.polity if target else None,
        "target_cameo": target.cameo if target else None,
        "polarity": claim.polarity,
        "location": claim.location.name if claim.location else None,
        "location_canonical": claim.location.canonical if claim.location else None,
        "location_precision": claim.location.precision if claim.location else None,
        "lat": claim.location.lat if claim.location else None,
        "lon": claim.location.lon if claim.location else None,
        "date": claim.date.value if claim.date else None,
        "date_end": claim.date.end_value if claim.date else None,
        "date_precision": claim.date.precision if claim.date else None,
        "date_expression": claim.date.expression if claim.date else None,
        "cameo": claim.cameo,
        "cameo_root": claim.cameo_root,
        "quad_class": claim.quad_class,
        "goldstein": claim.goldstein,
        "plover": claim.plover,
        "plover_mode": claim.plover_mode,
        "acled_event_type": claim.acled_event_type,
        "acled_sub_event_type": claim.acled_sub_event_type,
        "trigger": claim.trigger,
        "trigger_start": claim.trigger_start,
        "trigger_end": claim.trigger_end,
        "statement": claim.statement,
        "quantities": [quantity_json(q) for q in claim.quantities],
        "evidence": claim.evidence,
        "start": claim.start,
        "end": claim.end,
    }


def _claim_of(quantity: Quantity, extraction: Extraction) -> int | None:
    for index, claim in enumerate(extraction.claims):
        if quantity in claim.quantities:
            return index
    return None


def quantity_json(quantity: Quantity, claim: int | None = None) -> dict[str, Any]:
    """One count: what, UCDP's low / best / high, whose loss, and the words; `claim` is the
    position of its claim in the document's `claims` list."""
    return {
        "what": quantity.what,
        "low": quantity.low,
        "best": quantity.best,
        "high": quantity.high,
        "side_losing": quantity.side_losing,
        "cumulative": quantity.cumulative,
        "claimant": quantity.claimant,
        "claim": claim,
        "evidence": quantity.evidence,
        "start": quantity.start,
        "end": quantity.end,
    }


def date_json(found: Date) -> dict[str, Any]:
    return {
        "expression": found.expression,
        "start": found.start,
        "end": found.end,
        "value": found.value,
        "end_value": found.end_value,
        "precision": found.precision,
    }


def place_json(place: Place) -> dict[str, Any]:
    return {
        "name": place.name,
        "start": place.start,
        "end": place.end,
        "canonical": place.canonical,
        "geonameid": place.geonameid,
        "lat": place.lat,
        "lon": place.lon,
        "country": place.country,
        "admin1": place.admin1,
        "precision": place.precision,
    }


def event_json(event: dict[str, Any]) -> dict[str, Any]:
    """The `sitrep events --format json` object: DESIGN.md's fields, then sitrep's own."""
    return {
        "id": event["id"],
        "action": event["action"],
        "date": event["date"],
        "date_end": event["date_end"],
        "location": event["location"],
        "lat": event["lat"],
        "lon": event["lon"],
        "location_precision": event["location_precision"],
        "actor_country": event["actor_country"],
        "target_country": event["target_country"],
        "status": event["status"],
        "status_reason": event["status_reason"],
        "family": event["family"],
        "documents": event["documents"],
        "claims": [
            {
                "claimant": c["claimant"],
                "claimant_side": c["claimant_side"],
                "polarity": c["polarity"],
                "action": c["action"],
                "actor": c["actor"],
                "actor_country": c["actor_country"],
                "target": c["target"],
                "target_country": c["target_country"],
                "location": c["location"],
                "date": c["date"],
                "document": c["document"],
                "document_path": c["document_path"],
                "url": c["url"],
                "seq": c["seq"],
                "evidence": c["evidence"],
                "start": c["start"],
                "end": c["end"],
                "quantities": c["quantities"],
            }
            for c in event["claims"]
        ],
    }


def figure_json(figure: Any) -> dict[str, Any]:
    """One `sitrep ledger --format json` line."""
    return {
        "side": figure.side,
        "figure": figure.kind,
        "what": figure.what,
        "when": figure.day,
        "low": figure.low,
        "best": figure.best,
        "high": figure.high,
        "cumulative": figure.cumulative,
        "uncounted": figure.uncounted,
        "claims": figure.claims,
    }
