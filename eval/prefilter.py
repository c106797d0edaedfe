"""What the relevance pre-filter (setting `prefilter`) costs and saves on development data.

    python eval/prefilter.py [--limit N] [--json OUT]

The same documents are extracted twice in one run, without and with the pre-filter: the
project's examples, the PolNeAR dev articles and GVA news articles (read in place from
../shared/data; a set that is absent is left out and named). A claim is kept when the
filtered run has a claim of the same document with the same action, trigger offsets and
polarity; it is unchanged when its claimant, actor, target, date and place are the same too.
Times are the CPU times of the two passes (spaCy and every stage, models loaded first; CPU
time, not wall-clock time, as the machine may be shared). The gate reads `claims_kept_share`
(issue 7: the pre-filter may lose under 1 % of the claims).
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from sitrep import ingest, pipeline, relevance
from sitrep.records import Claim, Document, Extraction
from sitrep.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
POLNEAR_DEV = SHARED / "polnear" / "dev" / "text"
GVA = SHARED / "gva_news_casualties" / "gva_news_casualties.jsonl.gz"


def documents(limit: int) -> tuple[list[Document], list[str]]:
    """Examples, PolNeAR dev and GVA articles (at most `limit` of each shared set)."""
    settings = load_settings(environ={})
    found = [d for d in ingest.read([str(ROOT / "examples")], settings)
             if isinstance(d, Document)]
    absent = []
    if POLNEAR_DEV.exists():
        paths = sorted(str(p) for p in POLNEAR_DEV.glob("*.txt"))[:limit]
        found += [d for d in ingest.read(paths, settings) if isinstance(d, Document)]
    else:
        absent.append(str(POLNEAR_DEV))
    if GVA.exists():
        found += list(_gva(limit))
    else:
        absent.append(str(GVA))
    return found, absent


def _gva(limit: int) -> Iterator[Document]:
    with gzip.open(GVA, "rt", encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            if number >= limit:
                return
            item = json.loads(line)
            yield ingest.from_text(item["text"], path=f"gva#{item['doc_id']}", language="en",
                                   title=item.get("title"), published=item.get("dct"))


def _extract(docs: list[Document], resources: pipeline.Resources
             ) -> tuple[list[Extraction], float]:
    started = time.process_time()
    done = []
    for start in range(0, len(docs), resources.settings.batch_size):
        batch = docs[start:start + resources.settings.batch_size]
        done += [e for e in pipeline.extract_batch(batch, resources)
                 if isinstance(e, Extraction)]
    return done, time.process_time() - started


def _key(claim: Claim) -> tuple[object, ...]:
    return (claim.action, claim.trigger_start, claim.trigger_end, claim.polarity)


def _detail(claim: Claim) -> tuple[object, ...]:
    actor = claim.actor.canonical if claim.actor else None
    target = claim.target.canonical if claim.target else None
    place = claim.location.canonical if claim.location else None
    day = claim.date.value if claim.date else None
    return (claim.claimant, actor, target, place, day)


def measure(limit: int) -> dict[str, object]:
    docs, absent = documents(limit)
    resources = pipeline.load_resources(load_settings(environ={}))
    for language in ("en", "cs", "fr"):
        resources.models.for_language(language)
    lexicon = relevance.load(resources.claim_lexicons.actions, resources.cues)
    filtered = dataclasses.replace(resources, relevance=lexicon)
    _extract(docs[:4], resources)  # warm up both passes alike
    full, full_seconds = _extract(docs, resources)
    kept_runs, filtered_seconds = _extract(docs, filtered)
    claims = lost = changed = extra = statements = statements_lost = 0
    kept_chars = 0
    for before, after in zip(full, kept_runs, strict=True):
        ahead = {_key(c): _detail(c) for c in after.claims}
        for claim in before.claims:
            claims += 1
            if _key(claim) not in ahead:
                lost += 1
            elif ahead[_key(claim)] != _detail(claim):
                changed += 1
        extra += len(set(ahead) - {_key(c) for c in before.claims})
        spans = {(s.start, s.end, s.speaker.canonical) for s in after.statements}
        statements += len(before.statements)
        statements_lost += sum((s.start, s.end, s.speaker.canonical) not in spans
                               for s in before.statements)
        parse = [
            (start, end)
            for start, end in relevance.kept(
                before.document.text, before.document.language, lexicon,
                resources.models.for_language(before.document.language))
        ]
        kept_chars += sum(end - start for start, end in parse)
    chars = sum(len(d.text) for d in docs)
    return {
        "documents": len(docs),
        "characters": chars,
        "absent": absent,
        "claims": claims,
        "claims_lost": lost,
        "claims_lost_share": round(lost / claims, 4) if claims else 0.0,
        "claims_kept_share": round(1 - lost / claims, 4) if claims else 0.0,
        "claims_changed": changed,
        "claims_changed_share": round(changed / claims, 4) if claims else 0.0,
        "claims_extra": extra,
        "statements": statements,
        "statements_lost": statements_lost,
        "parsed_share_of_characters": round(kept_chars / chars, 3) if chars else 0.0,
        "cpu_seconds_without": round(full_seconds, 1),
        "cpu_seconds_with": round(filtered_seconds, 1),
        "speedup": round(full_seconds / filtered_seconds, 2) if filtered_seconds else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=84,
                        help="At most this many PolNeAR dev and this many GVA articles.")
    parser.add_argument("--json", help="Also write the figures to this file.")
    args = parser.parse_args()
    figures = measure(args.limit)
    for name, value in figures.items():
        print(f"{name}: {value}")
    if args.json:
        Path(args.json).write_text(json.dumps({"prefilter": figures}, indent=2) + "\n", "utf-8")
    if figures["claims"] == 0:
        sys.exit("no claims found: nothing measured")


if __name__ == "__main__":
    main()
