"""What the places and dates stages add to the pipeline, and what one gazetteer lookup costs.

    python bench/places_dates.py [--rounds N] [--lookups N]

Same texts (every example document, repeated `--rounds` times), models and gazetteer loaded
and warmed before timing: (1) `pipeline.extract` whole; (2) inside the same loop, the time of
`dates.extract` + `dates.attach` + `places.extract` + `places.attach` alone, on the parse and
claims the pipeline made. Issue 4 asks that places and dates add at most 10 % to the
pipeline's time. Then `--lookups` gazetteer lookups of the place names the examples hold
(and a few ambiguous ones), timed one by one: issue 4 asks for under 1 ms each once the index
is built.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from sitrep import claims, dates, ingest, nlp, pipeline, places, statements
from sitrep.records import Document
from sitrep.settings import load_settings

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
NAMES = ("Stepanakert", "Khankendi", "Shusha", "Ganja", "Baku", "Yerevan", "Nagorno-Karabakh",
         "Artsakh", "Moscow", "Washington", "Paris", "London", "Springfield", "Georgia",
         "Azerbaijan", "Armenia", "Tartar", "Barda", "Hadrut", "Nowhere-on-earth")


def _stages(doc: Document, resources: pipeline.Resources) -> float:
    """Seconds the dates and places stages take on one document (the rest run untimed)."""
    parsed = nlp.parse(doc, resources.models)
    issuer = statements.issuer(doc, resources.cues, resources.actors)
    found = statements.extract(doc, parsed, resources.cues, resources.actors,
                               resources.settings.max_quote_chars, issuer)
    claimed = claims.extract(doc, parsed, found, resources.claim_lexicons, issuer)
    started = time.perf_counter()
    quoted = [(s.start, s.end) for s in found if s.direct]
    when = dates.extract(doc, resources.dates, quoted)
    claimed = dates.attach(claimed, when, doc, quoted)
    where = places.extract(doc, parsed, resources.gazetteer)
    places.attach(claimed, where, parsed)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--lookups", type=int, default=20_000)
    args = parser.parse_args()
    settings = load_settings()
    resources = pipeline.load_resources(settings)
    documents = [d for d in ingest.read([str(EXAMPLES)], settings) if isinstance(d, Document)]
    for doc in documents:  # load every language's model and warm the caches
        pipeline.extract(doc, resources)
    corpus = documents * args.rounds
    started = time.perf_counter()
    for doc in corpus:
        pipeline.extract(doc, resources)
    whole = time.perf_counter() - started
    stages = sum(_stages(doc, resources) for doc in corpus)
    chars = sum(len(d.text) for d in corpus)
    print(f"{len(corpus)} documents, {chars:,} characters")
    print(f"pipeline.extract        {whole:7.2f} s")
    print(f"dates + places stages   {stages:7.2f} s  ({100 * stages / whole:.1f} % of it)")
    timings = []
    for number in range(args.lookups):
        name = NAMES[number % len(NAMES)]
        began = time.perf_counter()
        resources.gazetteer.candidates(name)
        timings.append(time.perf_counter() - began)
    timings.sort()
    print(f"gazetteer lookups       {len(timings):,}: median "
          f"{1000 * statistics.median(timings):.3f} ms, 99th percentile "
          f"{1000 * timings[int(0.99 * len(timings))]:.3f} ms, max {1000 * timings[-1]:.3f} ms")


if __name__ == "__main__":
    main()
