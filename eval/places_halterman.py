"""Event location: which place sitrep attaches to an event, on Halterman's (2019) labels.

    python eval/places_halterman.py --data ../shared/data [--json OUT] [--errors FILE]
                                    [--every N] [--limit N]

Reads `event_location_halterman/labeled_text.json.gz` in place: sentences, each with one
annotated event verb and zero or more LOCATION spans (where that event happened). Each distinct
sentence is parsed once and run through `places.extract`; for every record, `places.for_event`
picks the place of the verb in that sentence (or none), exactly as the pipeline does for a
claim whose trigger is the verb and whose evidence is the sentence. Scores (`halterman.`):

- `accuracy`: records where our pick is the annotated one: it overlaps a gold LOCATION span,
  or both gold and we have none;
- `located_accuracy`: over records with a gold location, our pick overlaps one of them;
- `pick_precision`: our picks that overlap a gold location;
- `none_accuracy`: over records without a gold location, we pick none;
- `candidate_recall`: records with a gold location that some resolved place of ours overlaps
  (the ceiling for `located_accuracy` given the places stage).

`halterman.*` scores the pick a claim gets (places with coordinates only); `halterman_named.*`
the same choice when a place name the gazetteer cannot resolve may be picked too (how well the
attachment rules do, apart from gazetteer gaps).

A record repeating an earlier (sentence, verb) pair is left out. By default every third
distinct event is scored (3,192 of 9,576: the whole set takes over two minutes of CPU, and the
machine is shared); `--every 1` scores them all. Gold offsets are mapped into
the normalised text `ingest.from_text` builds. Writes {"skipped": reason} when the data folder
is absent.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from attribution import offset_map
from scoring import load_pipeline, ratio

PREFIX = "halterman"
FILE = Path("event_location_halterman") / "labeled_text.json.gz"
EVERY = 3


@dataclass(frozen=True)
class Event:
    """One annotated verb: raw offsets of the verb and of its gold locations."""

    ident: str
    text: str
    verb: tuple[int, int]
    locations: tuple[tuple[int, int], ...]


def read_events(records: Sequence[dict[str, Any]]) -> list[Event]:
    """One Event per record with exactly one verb; repeated (sentence, verb) pairs once.
    Span offsets come from the record's tokens (`token_start`..`token_end`): in about 900
    location spans the `start`/`end` fields hold token numbers, not characters."""
    events, seen = [], set()
    for number, record in enumerate(records):
        tokens = {t["id"]: (t["start"], t["end"]) for t in record.get("tokens") or []}
        spans = [(s["label"], _chars(s, tokens)) for s in record.get("spans") or []]
        verbs = [span for label, span in spans if label == "VERB"]
        if len(verbs) != 1 or (record["text"], verbs[0]) in seen:
            continue
        seen.add((record["text"], verbs[0]))
        locations = tuple(sorted(span for label, span in spans if label == "LOCATION"))
        events.append(Event(str(record.get("_id", number)), record["text"], verbs[0],
                            locations))
    return events


def _chars(span: dict[str, Any], tokens: dict[int, tuple[int, int]]) -> tuple[int, int]:
    first, last = tokens.get(span["token_start"]), tokens.get(span["token_end"])
    if first is None or last is None:
        return span["start"], span["end"]
    return first[0], last[1]


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


@dataclass
class Tally:
    events: int = 0
    correct: int = 0
    located: int = 0
    located_ok: int = 0
    picked: int = 0
    picked_ok: int = 0
    unlocated: int = 0
    none_ok: int = 0
    reachable: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)


def score_event(
    gold: Sequence[tuple[int, int]], pick: tuple[int, int] | None,
    candidates: Sequence[tuple[int, int]], tally: Tally, error: dict[str, Any],
) -> None:
    """Add one event (gold and our spans in the same text) to `tally`."""
    tally.events += 1
    hit = pick is not None and any(overlaps(pick, g) for g in gold)
    if pick is not None:
        tally.picked += 1
        tally.picked_ok += hit
    if gold:
        tally.located += 1
        tally.located_ok += hit
        tally.reachable += any(overlaps(c, g) for c in candidates for g in gold)
    else:
        tally.unlocated += 1
        tally.none_ok += pick is None
    if hit or (not gold and pick is None):
        tally.correct += 1
        return
    kind = "missed" if pick is None else ("spurious" if not gold else "wrong_place")
    tally.errors.append({**error, "error": kind})


def summary(tally: Tally, prefix: str = PREFIX) -> dict[str, float | int]:
    return {
        f"{prefix}.events": tally.events,
        f"{prefix}.events_located": tally.located,
        f"{prefix}.accuracy": ratio(tally.correct, tally.events),
        f"{prefix}.located_accuracy": ratio(tally.located_ok, tally.located),
        f"{prefix}.pick_precision": ratio(tally.picked_ok, tally.picked),
        f"{prefix}.none_accuracy": ratio(tally.none_ok, tally.unlocated),
        f"{prefix}.candidate_recall": ratio(tally.reachable, tally.located),
    }


def _mark(text: str, spans: Sequence[tuple[int, int]], verb: tuple[int, int]) -> str:
    """The text with the verb in <<>> and the spans in [[]] (for reading errors)."""
    marks = sorted([(s, "[[") for s, _ in spans] + [(e, "]]") for _, e in spans]
                   + [(verb[0], "<<"), (verb[1], ">>")], reverse=True)
    for position, mark in marks:
        text = text[:position] + mark + text[position:]
    return " ".join(text.split())


def evaluate(
    data: Path, resources: Any, every: int = EVERY, limit: int | None = None
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Scores and errors over every `every`-th distinct event, the first `limit` of them."""
    from sitrep import ingest, nlp, places

    with gzip.open(data / FILE, "rt", encoding="utf-8") as handle:
        events = read_events(json.load(handle))[::every]
    if limit is not None:
        events = events[:limit]
    by_text: dict[str, list[Event]] = {}
    for event in events:
        by_text.setdefault(event.text, []).append(event)
    tally, named, started = Tally(), Tally(), time.perf_counter()
    for text, group in by_text.items():
        doc = ingest.from_text(text, path=group[0].ident, language="en")
        parsed = nlp.parse(doc, resources.models)
        found = places.extract(doc, parsed, resources.gazetteer)
        mapped = offset_map(text, doc.text)
        for event in group:
            verb = (mapped(event.verb[0], False), mapped(event.verb[1], True))
            gold = [(mapped(s, False), mapped(e, True)) for s, e in event.locations]
            for only_named, counts in ((False, tally), (True, named)):
                pick = places.for_event(verb[0], 0, len(doc.text), found, parsed, only_named)
                error = {"id": event.ident, "gold": [doc.text[s:e] for s, e in gold],
                         "ours": pick.name if pick else None,
                         "text": _mark(doc.text, gold, verb)}
                candidates = [(p.start, p.end) for p in found
                              if only_named or p.lat is not None]
                score_event(gold, (pick.start, pick.end) if pick else None, candidates,
                            counts, error)
    scores: dict[str, Any] = summary(tally)
    scores.update(summary(named, f"{PREFIX}_named"))
    scores[f"{PREFIX}.seconds"] = round(time.perf_counter() - started, 1)
    return scores, tally.errors


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--json", type=Path, help="write the scores here")
    parser.add_argument("--errors", type=Path, help="write every error here (JSON lines)")
    parser.add_argument("--every", type=int, default=EVERY,
                        help=f"score every N-th distinct event (default {EVERY}; 1 = all)")
    parser.add_argument("--limit", type=int, help="score only the first N events")
    args = parser.parse_args(argv)
    if not (args.data / FILE).exists():
        reason = f"{args.data / FILE.parent} is absent: event location not scored"
        print(f"SKIP {reason}")
        if args.json:
            args.json.write_text(json.dumps({"skipped": reason}) + "\n", encoding="utf-8")
        return 0
    scores, errors = evaluate(args.data, load_pipeline(), args.every, args.limit)
    for key, value in scores.items():
        print(f"{key:45} {value:.4f}" if isinstance(value, float) else f"{key:45} {value}")
    if args.json:
        args.json.write_text(json.dumps(scores, indent=2, sort_keys=True) + "\n",
                             encoding="utf-8")
    if args.errors:
        with args.errors.open("w", encoding="utf-8") as out:
            for error in errors:
                out.write(json.dumps(error, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
