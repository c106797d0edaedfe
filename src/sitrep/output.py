"""Output shapes: the stable JSON of DESIGN.md, built from records only (no text processing)."""

from __future__ import annotations

from typing import Any

from sitrep.records import Actor, Extraction, Statement


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
        "claims": [],
        "quantities": [],
        "places": [],
        "dates": [],
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
