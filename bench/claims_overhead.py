"""What the claims stage costs on top of the spaCy parse it reads.

    python bench/claims_overhead.py [--rounds N]

Same texts (the English example documents, repeated), one run: (1) bare `nlp.pipe` of the
English pipeline; (2) the claims stage alone on those parses; (3) statements + claims. Issue 3
asks that claims add at most 25 % to the parse.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from sitrep import claims, ingest, nlp, pipeline, statements
from sitrep.records import Document
from sitrep.settings import load_settings

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    settings = load_settings()
    resources = pipeline.load_resources(settings)
    english = [d for d in ingest.read([str(EXAMPLES)], settings)
               if isinstance(d, Document) and d.language == "en"] * args.rounds
    model = resources.models.for_language("en")
    started = time.perf_counter()
    parses = [nlp.parse(doc, resources.models) for doc in english]
    parse_seconds = time.perf_counter() - started
    started = time.perf_counter()
    found = [statements.extract(doc, parsed, resources.cues, resources.actors)
             for doc, parsed in zip(english, parses, strict=True)]
    statement_seconds = time.perf_counter() - started
    started = time.perf_counter()
    count = sum(
        len(claims.extract(doc, parsed, said, resources.claim_lexicons))
        for doc, parsed, said in zip(english, parses, found, strict=True)
    )
    claim_seconds = time.perf_counter() - started
    chars = sum(len(d.text) for d in english)
    print(f"{len(english)} English documents, {chars:,} characters, model {model.meta['name']}")
    print(f"spaCy parse   {parse_seconds:6.2f} s")
    print(f"statements    {statement_seconds:6.2f} s  "
          f"({100 * statement_seconds / parse_seconds:.1f} % of the parse)")
    print(f"claims        {claim_seconds:6.2f} s  "
          f"({100 * claim_seconds / parse_seconds:.1f} % of the parse), {count} claims")


if __name__ == "__main__":
    main()
